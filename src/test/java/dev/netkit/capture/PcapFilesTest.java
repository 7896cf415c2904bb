package dev.netkit.capture;

import dev.netkit.packet.LinkType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapFilesTest {
    // ARP request who-has 198.18.1.1 tell 198.18.1.10, padded to 60 bytes on the wire.
    static final byte[] ARP = HexFormat.of().parseHex(
            "ffffffffffff02000000000a08060001080006040001" + "02000000000ac612010a" + "000000000000c6120101"
                    + "000000000000000000000000000000000000");

    static List<CapturedFrame> readAll(byte[] file) {
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(file), "test");
        List<CapturedFrame> out = new ArrayList<>();
        for (CapturedFrame f; (f = r.next()) != null; ) {
            out.add(f);
        }
        assertTrue(r.ended());
        return out;
    }

    static byte[] pcap(ByteOrder order, int magic, long sec, long frac, byte[]... frames) {
        ByteBuffer b = ByteBuffer.allocate(24 + frames.length * 16 + 4096).order(order);
        b.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (byte[] f : frames) {
            b.putInt((int) sec).putInt((int) frac).putInt(f.length).putInt(f.length).put(f);
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void readsMicrosecondPcapInBothByteOrders() {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            List<CapturedFrame> fs = readAll(pcap(order, 0xA1B2C3D4, 1_700_000_000L, 123_456, ARP, ARP));
            assertEquals(2, fs.size(), order.toString());
            assertEquals(1_700_000_000_123_456_000L, fs.get(0).timestampNanos());
            assertEquals(LinkType.EN10MB, fs.get(0).linkType());
            assertArrayEquals(ARP, fs.get(1).data());
        }
    }

    @Test
    void recordLongerThanTheSnapLengthKeepsTheSnapLength() {
        // libpcap's reading of tcpdump's icmp-icmp_print-oobr-1.pcap: 64 bytes recorded, snap length 37
        byte[] file = pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1, 0, ARP);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 37);
        CapturedFrame f = readAll(file).get(0);
        assertArrayEquals(java.util.Arrays.copyOf(ARP, 37), f.data());
        assertEquals(ARP.length, f.originalLength());
    }

    @Test
    void readsNanosecondPcap() {
        byte[] file = pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B23C4D, 1_700_000_000L, 123_456_789, ARP);
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(file), "nano");
        assertTrue(r.nanosecondPrecision());
        assertEquals(1_700_000_000_123_456_789L, r.next().timestampNanos());
    }

    @Test
    void writerRoundTripKeepsBytesAndTimes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapFileWriter w = new PcapFileWriter(out, LinkType.EN10MB, 262144, false)) {
            w.write(new CapturedFrame(1_700_000_000_000_001_000L, LinkType.EN10MB, 60, ARP));
            w.write(new CapturedFrame(1_700_000_001_500_000_000L, LinkType.EN10MB, 1514, new byte[] {1, 2, 3}));
            assertTrue(!w.write(CapturedFrame.of(0, LinkType.RAW, new byte[20])), "other link type refused");
        }
        List<CapturedFrame> fs = readAll(out.toByteArray());
        assertEquals(2, fs.size());
        assertArrayEquals(ARP, fs.get(0).data());
        assertEquals(1_700_000_000_000_001_000L, fs.get(0).timestampNanos());
        assertEquals(1514, fs.get(1).originalLength());
        assertEquals(3, fs.get(1).capturedLength());
        // the classic little-endian header tcpdump writes
        assertEquals("d4c3b2a102000400", HexFormat.of().formatHex(out.toByteArray(), 0, 8));
    }

    /** An pcapng section: SHB, one IDB with if_tsresol, one EPB and one SPB, in the given byte order. */
    static byte[] pcapng(ByteOrder order, int tsresol, long ts) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(order);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1).putInt(28);
        b.putInt(1).putInt(32).putShort((short) 1).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3])
                .putShort((short) 0).putShort((short) 0).putInt(32);
        b.putInt(6).putInt(32 + ARP.length).putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts)
                .putInt(ARP.length).putInt(ARP.length).put(ARP).putInt(32 + ARP.length);
        b.putInt(0x00000BAD).putInt(16).putInt(0xdeadbeef).putInt(16); // custom block: skipped
        b.putInt(3).putInt(16 + 4).putInt(4).put(new byte[] {9, 8, 7, 6}).putInt(20);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void readsPcapngInBothByteOrdersWithTimeResolution() {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            List<CapturedFrame> fs = readAll(pcapng(order, 9, 1_700_000_000_123_456_789L));
            assertEquals(2, fs.size(), order.toString());
            assertEquals(1_700_000_000_123_456_789L, fs.get(0).timestampNanos());
            assertArrayEquals(ARP, fs.get(0).data());
            assertArrayEquals(new byte[] {9, 8, 7, 6}, fs.get(1).data());
        }
        // default microseconds
        assertEquals(1_700_000_000_000_001_000L,
                readAll(pcapng(ByteOrder.LITTLE_ENDIAN, 6, 1_700_000_000_000_001L)).get(0).timestampNanos());
        // power-of-two resolution: 2^-10 s units
        assertEquals(1_500_000_000L, readAll(pcapng(ByteOrder.BIG_ENDIAN, 0x8A, 1536)).get(0).timestampNanos());
    }

    @Test
    void truncatedRecordStopsCleanlyAfterTheGoodFrames() {
        byte[] good = pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1, 0, ARP, ARP);
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 10);
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(cut), "cut");
        assertNotNull(r.next());
        assertNull(r.next());
        assertTrue(r.problem().contains("truncated record"), r.problem());
    }

    @Test
    void hugeCaptureLengthIsRefusedNotAllocated() {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(0).putInt(0).putInt(0x7fffffff).putInt(0x7fffffff);
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(b.array()), "huge");
        assertNull(r.next());
        assertTrue(r.problem().contains("over the maximum"), r.problem());
    }

    @Test
    void badPcapngBlockLengthStops() {
        byte[] f = pcapng(ByteOrder.LITTLE_ENDIAN, 6, 1);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(28 + 4, 0x7ffffff0); // IDB length
        PcapFileReader r = PcapFileReader.open(new ByteArrayInputStream(f), "bad");
        assertNull(r.next());
        assertTrue(r.problem().contains("bad length"), r.problem());
    }

    @Test
    void notACaptureIsAUsageError() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> PcapFileReader.open(new ByteArrayInputStream("hello world, no pcap".getBytes()), "x.txt"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("not a pcap"), e.getMessage());
    }

    @Test
    void unknownLinkTypeIsNamedAfterItsNumber() {
        assertEquals("LINKTYPE_147(147)", LinkType.valueOf(147).toString());
        assertEquals(LinkType.RAW, LinkType.fromDlt(12));
        assertEquals(LinkType.LINUX_SLL2, LinkType.valueOf(276));
    }

    @Test
    void scriptedChannelAnswersSentFrames() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB)
                .onSend(f -> List.of(CapturedFrame.of(5, LinkType.EN10MB, f)));
        assertNull(wire.receiveWithin(1000));
        assertEquals(1, wire.timeouts());
        wire.send(ARP);
        assertArrayEquals(ARP, wire.receiveWithin(1000).data());
        assertEquals(1, wire.sent().size());
    }
}
