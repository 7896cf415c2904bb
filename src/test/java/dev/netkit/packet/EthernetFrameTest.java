package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EthernetFrameTest {
    // 02:00:00:00:01:0a > 02:00:00:00:01:01, ethertype IPv4 (0x0800), length 58: 198.18.1.10 > 198.18.10.10: ICMP echo request, id 4660, seq 1, length 24
    static final String ECHO = "02000000010102000000010a08004500002c1c46400040018752c612010ac6120a0a08003915123400016e65746b69742d70696e672d303132330000";
    // 02:00:00:00:01:0a > 02:00:00:00:01:01, ethertype 802.1Q-QinQ (0x88a8), length 60: vlan 100, p 0, ethertype 802.1Q (0x8100), vlan 200, p 5, ethertype IPv4 (0x0800), 198.18.1.10 > 198.18.10.10: ICMP echo request, id 1, seq 2, length 8
    static final String QINQ = "02000000010102000000010a88a800648100a0c808004500001c000000004001e3a8c612010ac6120a0a0800f7fc0001000200000000000000000000";

    @Test
    void parse() {
        EthernetFrame f = EthernetFrame.newChecked(hex(ECHO));
        EthernetHeader h = EthernetHeader.parse(f);
        assertEquals(MacAddress.parse("02:00:00:00:01:01"), h.destination());
        assertEquals(MacAddress.parse("02:00:00:00:01:0a"), h.source());
        assertEquals(EtherType.IPV4, h.etherType());
        assertTrue(h.tags().isEmpty());
        assertEquals(14, f.payloadOffset());
        assertEquals(46, f.payloadLength());
    }

    @Test
    void parseQinQ() {
        EthernetFrame f = EthernetFrame.newChecked(hex(QINQ));
        EthernetHeader h = EthernetHeader.parse(f);
        assertEquals(List.of(new VlanTag(EtherType.QINQ, 0, false, 100), new VlanTag(EtherType.VLAN, 5, false, 200)),
                h.tags());
        assertEquals(EtherType.IPV4, h.etherType());
        assertEquals(22, f.headerLength());
    }

    @Test
    void emit() {
        EthernetHeader h = new EthernetHeader(MacAddress.parse("02:00:00:00:01:01"), MacAddress.parse("02:00:00:00:01:0a"),
                List.of(VlanTag.dot1ad(100), new VlanTag(EtherType.VLAN, 5, false, 200)), EtherType.IPV4);
        byte[] b = new byte[h.bufferLength()];
        assertEquals(22, h.emit(b, 0));
        Vectors.assertRebuilds("QinQ header", java.util.Arrays.copyOf(hex(QINQ), 22), b);
    }

    @Test
    void roundTrip() {
        for (String v : List.of(ECHO, QINQ)) {
            byte[] frame = hex(v);
            EthernetHeader h = EthernetHeader.parse(EthernetFrame.newChecked(frame));
            byte[] b = frame.clone();
            java.util.Arrays.fill(b, 0, h.bufferLength(), (byte) 0);
            h.emit(b, 0);
            Vectors.assertRebuilds("ethernet", frame, b);
        }
    }

    @Test
    void truncated() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> EthernetFrame.newChecked(hex("0200000001010200000001"), 0, 11));
        assertEquals("Ethernet: header length 14 exceeds the 11 bytes captured", e.getMessage());
        assertTrue(e.isTruncation());
    }

    @Test
    void truncatedTag() {
        byte[] b = java.util.Arrays.copyOf(hex(QINQ), 20);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> EthernetFrame.newChecked(b));
        assertEquals("Ethernet: header length with 2 VLAN tags 22 exceeds the 20 bytes captured", e.getMessage());
    }

    @Test
    void unknownEtherTypeIsKept() {
        byte[] b = hex("ffffffffffff02000000010a88b5 0000");
        EtherType t = EthernetFrame.newChecked(b).etherType();
        assertEquals(0x88b5, t.value());
        assertEquals("UNKNOWN(0x88b5)", t.toString());
        assertEquals("IPV6(0x86dd)", EtherType.valueOf(0x86dd).toString());
    }

    @Test
    void macAddressParseAndPrint() {
        assertEquals("52:54:00:3b:2b:25", MacAddress.parse("52-54-00-3B-2B-25").toString());
        assertTrue(MacAddress.BROADCAST.isBroadcast());
        assertTrue(MacAddress.parse("33:33:00:00:00:01").isMulticast());
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:3b:2b"));
    }
}
