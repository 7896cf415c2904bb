package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VxlanHeaderTest {
    /**
     * vxlan.pcap packet 2, the UDP payload: header, then an ARP request in Ethernet. tcpdump -n:
     * {@code IP 192.168.202.1.42710 > 192.168.203.1.4789: VXLAN, flags [I] (0x08), vni 100}
     * {@code ARP, Request who-has 192.168.203.3 tell 192.168.203.5, length 28}
     */
    private static final byte[] ARP = hex("08000000 00006400" + "ffffffffffff 003088010002 0806"
            + "0001080006040001 003088010002 c0a8cb05 000000000000 c0a8cb03");

    @Test
    void parse() {
        VxlanHeader h = new VxlanHeader(ARP, 0, ARP.length);
        assertEquals(VxlanHeader.FLAG_VNI, h.flags());
        assertEquals(100, h.vni());
        assertEquals(0, h.lastReserved());
        assertEquals(0xff, ARP[VxlanHeader.LENGTH] & 0xff, "the inner frame starts after the header");
    }

    @Test
    void endClampedToTheCapture() {
        VxlanHeader h = new VxlanHeader(ARP, 0, 1000);
        assertEquals(ARP.length, h.length());
        assertEquals(100, h.vni());
    }

    @Test
    void truncated() {
        // vxlan.pcap packet 2 cut 5 bytes into the header: "VXLAN, flags [I] (0x08),  [|vxlan]"
        VxlanHeader h = new VxlanHeader(ARP, 0, 5);
        assertEquals(VxlanHeader.FLAG_VNI, h.flags());
        MalformedPacketException e = assertThrows(MalformedPacketException.class, h::vni);
        assertTrue(e.isTruncation());
        assertEquals("vxlan", e.protocol());
        assertThrows(MalformedPacketException.class, new VxlanHeader(ARP, 0, 7)::lastReserved);
    }
}
