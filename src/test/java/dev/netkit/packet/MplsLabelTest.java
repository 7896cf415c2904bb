package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MplsLabelTest {
    // tcpdump's mpls-traceroute.pcap packet 1 (LINKTYPE_PPP, after ff03 0281), the label stack entry:
    // MPLS (label 100704, tc 0, [S], ttl 1) IP 12.4.4.4.42315 > 12.1.1.1.33436: UDP, length 12
    static final String ENTRY = "18960101";

    @Test
    void parse() {
        assertEquals(new MplsLabel(100704, 0, true, 1), MplsLabel.parse(hex(ENTRY), 0, 4));
        assertEquals(new MplsLabel(100704, 0, true, 1), MplsLabel.of(0x18960101L));
    }

    @Test
    void everyField() {
        // label 0xfffff, traffic class 5, not the bottom, TTL 255
        assertEquals(new MplsLabel(0xfffff, 5, false, 255), MplsLabel.parse(hex("fffffaff"), 0, 4));
    }

    @Test
    void truncated() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> MplsLabel.parse(hex(ENTRY), 1, 4));
        assertTrue(e.isTruncation());
        assertThrows(MalformedPacketException.class, () -> MplsLabel.parse(hex(ENTRY), 0, 3));
        assertThrows(MalformedPacketException.class, () -> MplsLabel.parse(new byte[2], 0, 99),
                "an end past the buffer is clamped to it");
    }
}
