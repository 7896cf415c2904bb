package dev.netkit.sniff.print;

import dev.netkit.capture.CaptureException;
import dev.netkit.capture.CaptureStats;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.PcapFileReader;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.cli.SniffCorpusTest;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.SniffSummary;
import dev.netkit.sniff.SniffedPacket;
import dev.netkit.sniff.Sniffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two-thread {@code sniff -r} (the engine's decoding thread preparing text ahead while the printer is
 * behind) prints the same bytes as the one-thread loop, over one file made of every Ethernet file of tcpdump's
 * corpus (TCP and non-TCP mixed), in the modes that prepare text ahead and in those that do not.
 */
class SniffPipelineTest {
    private static final int MAX_PACKETS = 30_000;

    @TempDir
    static Path dir;
    static Path mixed;
    static long tcp;

    @BeforeAll
    static void mixCorpus() throws IOException {
        List<Path> files = SniffCorpusTest.files();
        mixed = dir.resolve("mixed.pcap");
        dev.netkit.sniff.PacketDecoder decoder = new dev.netkit.sniff.PacketDecoder();
        try (PcapFileWriter w = PcapFileWriter.create(mixed, LinkType.EN10MB, PcapFileReader.MAX_CAPTURE, true)) {
            for (Path f : files) {
                try (PcapFileReader r = PcapFileReader.open(f)) {
                    for (CapturedFrame c = r.receive(0); c != null && w.framesWritten() < MAX_PACKETS;
                            c = r.receive(0)) {
                        if (c.linkType().equals(LinkType.EN10MB) && w.write(c)
                                && decoder.decode(1, c).decoded().tcp().isPresent()) {
                            tcp++;
                        }
                    }
                } catch (CaptureException e) {
                    // a file the reader refuses outright (the corpus has some)
                }
            }
            assertTrue(w.framesWritten() > 5_000, "Ethernet packets in the corpus: " + w.framesWritten());
        }
        assertTrue(tcp > 500, "TCP packets among them: " + tcp);
    }

    @Test
    void numeric() {
        same(0, false, 0, 0, 0);
    }

    @Test
    void verbose() {
        same(1, false, 0, 0, 0);
    }

    @Test
    void linkHeaderAndHexAscii() {
        same(0, true, 0, 0, 1);
    }

    /** -ttt prints the time since the previous packet: nothing is prepared ahead, the order alone matters. */
    @Test
    void deltaTimesPrepareNothing() {
        same(0, false, 3, 0, 0);
    }

    private static void same(int verbose, boolean link, int timeMode, int hex, int hexAscii) {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: sniff -r runs in one thread");
        StringWriter sequential = new StringWriter();
        SniffPrinter one = new SniffPrinter(new PrintWriter(sequential), false, link, verbose, true, timeMode, true,
                hex, hexAscii, false);
        SniffSummary a;
        try (PcapFileReader r = PcapFileReader.open(mixed)) {
            a = new Sniffer().run(new OneThread(r), settings(), one.listener(null));
        }
        one.flush();

        StringWriter pipelined = new StringWriter();
        SniffPrinter two = new SniffPrinter(new PrintWriter(pipelined), false, link, verbose, true, timeMode, true,
                hex, hexAscii, false);
        Behind behind = new Behind(two.listener(null));
        SniffSummary b;
        try (PcapFileReader r = PcapFileReader.open(mixed)) {
            b = new Sniffer().run(r, settings(), behind);
        }
        two.flush();

        assertEquals(a.captured(), b.captured());
        assertTrue(behind.printed == b.captured() && b.captured() > 5_000, "packets: " + b.captured());
        assertEquals(0, behind.preparedOne.getCount(), "the decoding thread went ahead");
        if (timeMode == 3) {
            assertEquals(0, behind.used, "-ttt lines depend on the previous packet: none is prepared");
        } else {
            // how many depends on scheduling; the latch makes at least the first one certain
            assertTrue(behind.used > 0, "lines prepared ahead and printed: " + behind.used);
        }
        String x = sequential.toString();
        String y = pipelined.toString();
        if (!x.equals(y)) {
            int i = 0;
            while (i < Math.min(x.length(), y.length()) && x.charAt(i) == y.charAt(i)) {
                i++;
            }
            int line = x.lastIndexOf('\n', i - 1) + 1;
            fail("outputs differ at char " + i + " (of " + x.length() + "/" + y.length() + ")\none: "
                    + x.substring(line, Math.min(x.length(), line + 200)) + "\ntwo: "
                    + y.substring(line, Math.min(y.length(), line + 200)));
        }
    }

    private static Sniffer.Settings settings() {
        return new Sniffer.Settings(0, null, null, true, null, 0);
    }

    /**
     * The printer's listener, holding packet 1 until the decoding thread has prepared a line ahead: the queue
     * is full then, so the two threads really interleave from the start.
     */
    private static final class Behind implements Sniffer.Listener {
        final Sniffer.Listener printer;
        final CountDownLatch preparedOne = new CountDownLatch(1);
        long printed;
        long used;

        Behind(Sniffer.Listener printer) {
            this.printer = printer;
        }

        @Override
        public void packet(SniffedPacket p) {
            packet(p, null);
        }

        @Override
        public Object prepare(SniffedPacket p) {
            preparedOne.countDown();
            return printer.prepare(p);
        }

        @Override
        public void packet(SniffedPacket p, Object prepared) {
            if (p.number() == 1) {
                try {
                    assertTrue(preparedOne.await(30, TimeUnit.SECONDS), "nothing was prepared ahead");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            printed++;
            if (prepared != null) {
                used++;
            }
            printer.packet(p, prepared);
        }
    }

    /** The file seen as a plain channel: the engine then runs its one-thread loop. */
    private record OneThread(PcapFileReader file) implements FrameChannel {
        @Override
        public LinkType linkType() {
            return file.linkType();
        }

        @Override
        public CapturedFrame receive(long deadlineNanos) {
            return file.receive(deadlineNanos);
        }

        @Override
        public boolean ended() {
            return file.ended();
        }

        @Override
        public void send(byte[] frame) {
            file.send(frame);
        }

        @Override
        public CaptureStats stats() {
            return file.stats();
        }

        @Override
        public void close() {
            file.close();
        }
    }
}
