package dev.netkit.sniff.print;

import dev.netkit.capture.CaptureException;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileReader;
import dev.netkit.cli.SniffCorpusTest;
import dev.netkit.sniff.PacketDecoder;
import dev.netkit.sniff.SniffedPacket;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The text a printer prepares ahead (in the engine's decoding thread, for packets that depend on no other) is
 * the text it prints in order: over every packet of tcpdump's 830-file corpus, at -n, -n -v and -n -e -X.
 */
class SniffPrinterTest {
    @Test
    void preparedTextEqualsPrintedText() throws IOException {
        Path dir = SniffCorpusTest.corpus();
        assumeTrue(dir != null || System.getenv("CI") != null, "corpus not present");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
        long prepared = 0;
        for (int mode = 0; mode < 3; mode++) {
            for (Path f : files) {
                prepared += compare(f, mode);
            }
        }
        assertTrue(prepared > 10_000, "most corpus packets are not TCP and are prepared: " + prepared);
    }

    /** Prints every packet of {@code file} in order and prepares each with a second printer; the count prepared. */
    private static long compare(Path file, int mode) {
        StringWriter printed = new StringWriter();
        SniffPrinter inOrder = printer(new PrintWriter(printed), mode);
        SniffPrinter ahead = printer(new PrintWriter(new StringWriter()), mode);
        PacketDecoder decoder = new PacketDecoder();
        long n = 0;
        long same = 0;
        try (PcapFileReader r = PcapFileReader.open(file)) {
            for (CapturedFrame f = r.receive(0); f != null; f = r.receive(0)) {
                SniffedPacket p = decoder.decode(++n, f);
                int start = printed.getBuffer().length();
                inOrder.print(p);
                inOrder.flush();
                String text = ahead.prepare(p);
                if (text != null) {
                    assertEquals(printed.getBuffer().substring(start), text, file.getFileName() + " packet " + n
                            + " mode " + mode);
                    same++;
                }
            }
        } catch (CaptureException e) {
            return same; // a file the reader refuses outright (the corpus has some)
        }
        return same;
    }

    private static SniffPrinter printer(PrintWriter out, int mode) {
        return switch (mode) {
            case 0 -> new SniffPrinter(out, false, false, 0, true, 0, false, 0, 0, false);
            case 1 -> new SniffPrinter(out, false, false, 1, true, 0, false, 0, 0, false);
            default -> new SniffPrinter(out, false, true, 0, true, 0, false, 0, 1, false);
        };
    }
}
