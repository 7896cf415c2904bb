package dev.netkit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sniff -r's progress line, from the built jar under script(1) so that stderr is a terminal (as DigProgressIT):
 * 300 000 generated UDP frames printed with -vv --fields -XX to a file take several seconds (about 4 s here), so
 * the line shows after its two quiet seconds and is cleared at the end. Nothing with --json.
 */
class SniffProgressIT {
    static final String CLEAR = "\r\033[K";
    static final int FRAMES = 300_000;
    @TempDir
    static Path dir;
    static Path pcap;

    @BeforeAll
    static void setUp() throws Exception {
        // Ethernet, IPv4 127.0.0.1 -> 127.0.0.1, UDP 1234 -> 5678 with 18 bytes: 60 bytes a frame
        byte[] frame = HexFormat.of().parseHex("020000000001020000000002" + "0800"
                + "4500002e00004000401100007f0000017f000001" + "04d2162e001a0000" + "78".repeat(18));
        pcap = dir.resolve("big.pcap");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pcap), 1 << 20)) {
            ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            out.write(b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(65535).putInt(1).array());
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < FRAMES; i++) {
                h.clear();
                out.write(h.putInt(i / 1000).putInt(i % 1000 * 1000).putInt(frame.length).putInt(frame.length)
                        .array());
                out.write(frame);
            }
        }
    }

    /** What the terminal showed (stderr; stdout goes to {@code out}) and script's exit. */
    static DnsTestSupport.Result onATerminal(String sniffArgs, Path out) throws Exception {
        String cmd = ScriptTerminal.netkit("sniff", "-r", pcap.toString(), sniffArgs, ">", out.toString());
        return ScriptTerminal.run(cmd, dir.resolve("terminal"), 120);
    }

    @Test
    void aLargeFileShowsItsProgressOnTheTerminalsStderrAndClearsIt() throws Exception {
        Path out = dir.resolve("packets");
        DnsTestSupport.Result r = onATerminal("-vv --fields -XX", out);
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains(CLEAR + "sniff: "), r.out());
        assertTrue(r.out().matches("(?s).*sniff: \\d+\\.\\d% \\(\\d+/" + Files.size(pcap) / 1000
                + " kB\\), \\d+ kB/s, ETA .*"), r.out());
        assertTrue(r.out().endsWith(CLEAR), r.out());
        String packets = Files.readString(out);
        assertTrue(packets.lines().findFirst().orElseThrow().contains(" IP (tos 0x0, ttl 64, id 0,"),
                packets.substring(0, 200));
        assertFalse(packets.contains("kB/s"));
    }

    @Test
    void nothingWithJson() throws Exception {
        Path out = dir.resolve("packets.json");
        DnsTestSupport.Result r = onATerminal("--json -vv", out);
        assertEquals(0, r.code(), r.out());
        assertEquals("", r.out());
        assertTrue(Files.readString(out).lines().count() >= FRAMES);
    }
}
