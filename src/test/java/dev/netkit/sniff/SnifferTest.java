package dev.netkit.sniff;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileReader;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sniff engine on a scripted wire: -G time rotation with -W, -c, and decoding handed to the listener. */
class SnifferTest {
    @TempDir
    Path dir;

    /** An IGMPv2 report for 239.1.2.3 from 198.18.1.10, in Ethernet. */
    static final byte[] IGMP_REPORT = java.util.HexFormat.of().parseHex(
            "01005e010203026e6b01000a0800" + "46c00020000100000102" + "6bf6" + "c612010aef010203" + "94040000"
            + "1600f8faef010203");

    static CapturedFrame at(double seconds) {
        return CapturedFrame.of((long) (seconds * 1e9), LinkType.EN10MB, IGMP_REPORT);
    }

    static int frames(Path file) {
        try (PcapFileReader r = PcapFileReader.open(file)) {
            int n = 0;
            while (r.receive(0) != null) {
                n++;
            }
            return n;
        }
    }

    @Test
    void rotatesEveryGSecondsAndEndsAfterWFiles() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB).endWhenEmpty()
                .deliver(at(1000), at(1001), at(1002.5), at(1003), at(1004.2), at(1005));
        String pattern = dir.resolve("cap-%s.pcap").toString();
        CaptureFileSink sink = new CaptureFileSink(pattern, new CaptureFileSink.Rotation(0, 2, 2), 262144, false);
        SniffSummary s;
        try (sink) {
            s = new Sniffer().run(wire, new Sniffer.Settings(0, null, sink, false, null, 0), p -> { });
        }
        assertEquals(4, s.captured(), "-W 2 ends the capture when a third file would start");
        assertEquals(2, frames(dir.resolve("cap-1000.pcap")));
        assertEquals(2, frames(dir.resolve("cap-1002.pcap")));
        assertFalse(Files.exists(dir.resolve("cap-1004.pcap")));
    }

    @Test
    void countEndsTheCaptureAndThePacketsAreDecoded() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB).endWhenEmpty()
                .deliver(at(1), at(2), at(3));
        List<SniffedPacket> seen = new ArrayList<>();
        SniffSummary s = new Sniffer().run(wire, new Sniffer.Settings(2, null, null, true, null, 0), seen::add);
        assertEquals(2, s.captured());
        assertEquals(2, seen.size());
        assertTrue(seen.get(0).decoded().igmp().isPresent(), seen.get(0).decoded().toString());
        assertEquals(Boolean.TRUE, seen.get(0).decoded().checksumValid().orElseThrow());
    }

    /** A pcap file of {@code n} IGMP reports, one per second from t=1. */
    private Path file(int n) {
        Path f = dir.resolve("many.pcap");
        try (var w = dev.netkit.capture.PcapFileWriter.create(f, LinkType.EN10MB, 262144, false)) {
            for (int i = 1; i <= n; i++) {
                w.write(at(i));
            }
        }
        return f;
    }

    private static boolean decoderThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("sniff-decoder") && t.isAlive());
    }

    @Test
    void aFileIsDeliveredInOrderAcrossBatchesUpToTheCount() {
        Path f = file(3000);
        List<SniffedPacket> seen = new ArrayList<>();
        SniffSummary s;
        try (PcapFileReader r = PcapFileReader.open(f)) {
            s = new Sniffer().run(r, new Sniffer.Settings(2500, null, null, true, null, 0), seen::add);
        }
        assertEquals(2500, s.captured());
        assertEquals(2500, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i).number());
            assertEquals((i + 1) * 1_000_000_000L, seen.get(i).frame().timestampNanos());
        }
        assertFalse(decoderThreadAlive());
    }

    @Test
    void aListenerFailureEndsTheFileReadAndReachesTheCaller() {
        Path f = file(3000);
        List<SniffedPacket> seen = new ArrayList<>();
        IllegalStateException thrown;
        try (PcapFileReader r = PcapFileReader.open(f)) {
            thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new Sniffer().run(r, new Sniffer.Settings(0, null, null, true, null, 0), p -> {
                        if (p.number() == 700) {
                            throw new IllegalStateException("stdout closed");
                        }
                        seen.add(p);
                    }));
        }
        assertEquals("stdout closed", thrown.getMessage());
        assertEquals(699, seen.size());
        assertFalse(decoderThreadAlive(), "the decoder thread is joined before run returns");
    }

    /**
     * A printer that holds packet 1 until the decoder thread has prepared a packet ahead (so at least three
     * batches are decoded beyond it), and that runs {@code at600} when it prints packet 600.
     */
    private static final class BehindPrinter implements Sniffer.Listener {
        final CountDownLatch preparedOne = new CountDownLatch(1);
        final List<Long> numbers = new ArrayList<>();
        final List<String> mismatches = new ArrayList<>();
        long preparedSeen;
        Runnable at600 = () -> { };

        @Override
        public void packet(SniffedPacket p) {
            packet(p, null);
        }

        @Override
        public Object prepare(SniffedPacket p) {
            preparedOne.countDown();
            return "#" + p.number();
        }

        @Override
        public void packet(SniffedPacket p, Object prepared) {
            if (p.number() == 1) {
                await(preparedOne, "the decoder thread never prepared a packet ahead");
            }
            numbers.add(p.number());
            if (prepared != null) {
                preparedSeen++;
                if (!prepared.equals("#" + p.number())) {
                    mismatches.add(prepared + " came with packet " + p.number());
                }
            }
            if (p.number() == 600) {
                at600.run();
            }
        }
    }

    private static void await(CountDownLatch latch, String why) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), why);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Reads a 3000-packet file; when packet 600 is printed, another thread calls stop() (as the Ctrl-C handler
     * does) while the printer waits for it; by then the decoder thread has decoded far beyond packet 600.
     */
    private SniffSummary stopAt600(Sniffer sniffer, CaptureFileSink sink, TrafficStats stats, BehindPrinter printer)
            throws InterruptedException {
        Path f = file(3000);
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch stopCalled = new CountDownLatch(1);
        Thread ctrlC = Thread.ofPlatform().name("ctrl-c").start(() -> {
            try {
                if (reached.await(30, TimeUnit.SECONDS)) {
                    sniffer.stop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopCalled.countDown();
            }
        });
        printer.at600 = () -> {
            reached.countDown();
            await(stopCalled, "stop() was not called");
        };
        try (PcapFileReader r = PcapFileReader.open(f)) {
            return sniffer.run(r, new Sniffer.Settings(0, null, sink, true, stats, 0), printer);
        } finally {
            ctrlC.interrupt();
            ctrlC.join(10_000);
        }
    }

    @Test
    void stopFromAnotherThreadEndsTheFileReadWithWhatWasPrinted() throws InterruptedException {
        Sniffer sniffer = new Sniffer();
        BehindPrinter printer = new BehindPrinter();
        SniffSummary s = stopAt600(sniffer, null, null, printer);
        assertTrue(sniffer.stopped());
        assertEquals(600, printer.numbers.size());
        assertEquals(600, s.captured(), "the summary counts the packets printed, not those decoded ahead");
        assertEquals(0, printer.preparedOne.getCount(), "the decoder thread had gone ahead of the printer");
        assertFalse(decoderThreadAlive());
    }

    @Test
    void aStopLeavesInTheWriteFileAndTheStatsExactlyThePacketsPrinted() throws InterruptedException {
        Path out = dir.resolve("out.pcap");
        CaptureFileSink sink = new CaptureFileSink(out.toString(), CaptureFileSink.Rotation.NONE, 262144, false);
        TrafficStats stats = new TrafficStats();
        BehindPrinter printer = new BehindPrinter();
        SniffSummary s;
        try (sink) {
            sink.start(LinkType.EN10MB, 0);
            s = stopAt600(new Sniffer(), sink, stats, printer);
            // read before close: run() itself must leave the file complete (flushed)
            assertEquals(600, frames(out), "-w holds every packet reported captured and no other");
        }
        assertEquals(600, printer.numbers.size());
        assertEquals(600, s.captured());
        assertEquals(600, sink.framesWritten());
        assertEquals(600, stats.total().packets(), "--stats counts the packets captured");
        assertEquals(600, frames(out));
    }

    @Test
    void whileThePrinterIsBehindTheListenerPreparesPacketsAheadAndGetsEachBackWithItsPacket() {
        Path f = file(3000);
        BehindPrinter printer = new BehindPrinter();
        SniffSummary s;
        try (PcapFileReader r = PcapFileReader.open(f)) {
            s = new Sniffer().run(r, new Sniffer.Settings(0, null, null, true, null, 0), printer);
        }
        assertEquals(3000, s.captured());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 3000).boxed().toList(), printer.numbers);
        assertEquals(List.of(), printer.mismatches);
        assertTrue(printer.preparedSeen > 0, "the decoder thread prepared while the printer was behind");
    }
}
