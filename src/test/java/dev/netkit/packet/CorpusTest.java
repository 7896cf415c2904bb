package dev.netkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Feeds every packet of every capture in tcpdump's regression corpus (hostile on purpose) to {@link Frame}
 * and to the lazily parsed parts of each layer: nothing but {@link MalformedPacketException} may escape,
 * and {@link Frame#decode} must not throw at all.
 */
class CorpusTest {

    /** The corpus folder: {@code -Dnetkit.corpus}, else {@code shared/corpus/tcpdump-tests} beside an ancestor. */
    static Path corpus() {
        String configured = System.getProperty("netkit.corpus", System.getenv("NETKIT_CORPUS"));
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/corpus/tcpdump-tests");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void everyCorpusPacketDecodesWithoutEscapingExceptions() throws IOException {
        Path dir = corpus();
        if (dir == null || !Files.isDirectory(dir)) {
            if (System.getenv("CI") != null) {
                fail("the tcpdump corpus (shared/corpus/tcpdump-tests) is missing; CI must have it");
            }
            Assumptions.abort("the tcpdump corpus is not on this machine");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
        int packets = 0;
        int stopped = 0;
        TreeMap<String, Integer> layers = new TreeMap<>();
        for (Path file : files) {
            List<CaptureFiles.Packet> list = CaptureFiles.read(file);
            for (int i = 0; i < list.size(); i++) {
                CaptureFiles.Packet pk = list.get(i);
                try {
                    Frame f = Frame.decode(pk.linkType(), pk.data());
                    exercise(f);
                    f.quoted().ifPresent(CorpusTest::exercise);
                    packets++;
                    stopped += f.complete() ? 0 : 1;
                    for (Layer l : f.layers()) {
                        layers.merge(l.getClass().getSimpleName(), 1, Integer::sum);
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError(file.getFileName() + " packet " + (i + 1) + " (" + pk.linkType()
                            + "): " + e, e);
                }
            }
        }
        System.out.printf("corpus: %d files, %d packets, %d stopped early, layers %s%n", files.size(), packets,
                stopped, layers);
        assertTrue(files.size() > 800, "expected the whole corpus, found " + files.size() + " files");
        assertTrue(packets > 5_000, "decoded only " + packets + " packets");
        assertTrue(layers.getOrDefault("TcpHeader", 0) > 1000 && layers.getOrDefault("Ipv6Header", 0) > 500,
                "too few TCP/IPv6 layers: " + layers);
    }

    /** Touches everything a sniffer would print; only MalformedPacketException may come out of it. */
    static void exercise(Frame f) {
        assertEquals(f.payload().length, f.payloadLength());
        f.ports();
        f.checksumValid();
        String unused = f.toString();
        for (Layer l : f.layers()) {
            lazily(() -> {
                switch (l) {
                    case Ipv4Header h -> {
                        Ipv4Option.parseAll(h.options());
                        h.checksumValid();
                    }
                    case Ipv6ExtensionHeader.HopByHopOptions h -> h.options();
                    case Ipv6ExtensionHeader.DestinationOptions h -> h.options();
                    default -> {
                    }
                }
            });
        }
        assertTrue(unused.length() >= 0);
    }

    private static void lazily(Runnable r) {
        try {
            r.run();
        } catch (MalformedPacketException expected) {
            // Declared: the options of a header are only checked when asked for.
        }
    }
}
