package dev.netkit.cli.render;

import dev.netkit.capture.PcapFileReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sniff -r's progress: the reader reports the bytes it has read (the end of each frame returned), and the shared
 * line shows them of the file's size, with a fake clock and terminal flag as ProgressTest.
 */
class FileReadProgressTest {
    static final long MS = 1_000_000L;
    static final String CLEAR = "\r\033[K";

    /** A classic little-endian pcap of {@code n} Ethernet frames of 100 bytes: 24 + n * (16 + 100) bytes. */
    static byte[] pcap(int n) {
        ByteBuffer b = ByteBuffer.allocate(24 + n * 116).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < n; i++) {
            b.putInt(i).putInt(0).putInt(100).putInt(100).put(new byte[100]);
        }
        return b.array();
    }

    @Test
    void theReaderReportsTheBytesReadUpToEachFrame() {
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(pcap(3)), "three.pcap");
        assertEquals(0, r.position());
        assertNotNull(r.next());
        assertEquals(24 + 116, r.position());
        assertNotNull(r.next());
        assertNotNull(r.next());
        assertEquals(24 + 3 * 116, r.position());
        assertEquals(null, r.next());
        assertEquals(24 + 3 * 116, r.position());
    }

    @Test
    void onATerminalTheLineShowsTheShareOfTheFileRead() {
        byte[] file = pcap(10_000); // 1 160 024 bytes
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(file), "big.pcap");
        AtomicLong clock = new AtomicLong();
        StringWriter err = new StringWriter();
        Progress p = Progress.manual("sniff", "kB", () -> r.position() / 1000, () -> file.length / 1000,
                new PrintWriter(err), true, 0, clock::get);
        for (int i = 0; i < 5_000; i++) {
            r.next();
        }
        clock.set(1_000 * MS);
        assertFalse(p.tick());
        clock.set(4_000 * MS);
        assertTrue(p.tick());
        p.close();
        assertEquals(CLEAR + "sniff: 50.0% (580/1160 kB), 145 kB/s, ETA 4.0 s" + CLEAR, err.toString());
    }

    @Test
    void nothingWhenStderrIsNotATerminal() {
        byte[] file = pcap(100);
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(file), "small.pcap");
        AtomicLong clock = new AtomicLong();
        StringWriter err = new StringWriter();
        Progress p = Progress.manual("sniff", "kB", () -> r.position() / 1000, () -> file.length / 1000,
                new PrintWriter(err), false, 0, clock::get);
        while (r.next() != null) {
            clock.addAndGet(100 * MS);
            assertFalse(p.tick());
        }
        p.close();
        assertEquals("", err.toString());
    }
}
