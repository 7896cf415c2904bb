package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VxlanGpeHeaderTest {
    /**
     * nsh-over-vxlan-gpe.pcap packet 1, the UDP payload: VXLAN-GPE, NSH with MD type 2 and two context headers,
     * then IPv4 UDP. tcpdump -n: {@code IP 127.0.0.1.4790 > 127.0.0.1.4790: VXLAN-GPE, flags [IP], vni 16777215:
     * NSH, flags [O], service-path-id 0xffffff, service-index 0xff: IP 192.168.0.1.10000 > 192.168.0.2.20000:
     * UDP, length 4}
     */
    static final byte[] NSH_IPV4 = hex("0c000004 ffffff00" + "30060201 ffffffff" + "00010201 12345678"
            + "00020301 12345678" + "45000020d4310000ff116647c0a80001c0a80002 27104e20000c2178 74657374");

    @Test
    void parse() {
        VxlanGpeHeader h = new VxlanGpeHeader(NSH_IPV4, 0, NSH_IPV4.length);
        assertEquals(0x0c, h.flags(), "I and P");
        assertEquals(VxlanGpeHeader.NEXT_NSH, h.nextProtocol());
        assertEquals(0xffffff, h.vni());
        assertEquals(0, h.lastReserved());
        assertEquals(VxlanGpeHeader.LENGTH, h.payloadOffset());
    }

    @Test
    void nshFollows() {
        NshHeader n = new VxlanGpeHeader(NSH_IPV4, 0, NSH_IPV4.length).nsh(NSH_IPV4.length);
        assertEquals(VxlanGpeHeader.LENGTH, n.offset());
        assertEquals(NSH_IPV4.length - VxlanGpeHeader.LENGTH, n.length());
        assertEquals(0, n.version());
        assertEquals(0x03, n.flags(), "O and the unassigned bit after it");
        assertEquals(0, n.ttl());
        assertEquals(6, n.lengthWords());
        assertEquals(24, n.headerLength());
        assertEquals(NshHeader.MD_TYPE_2, n.mdType());
        assertEquals(1, n.nextProtocol(), "IPv4");
        assertEquals(0xffffff, n.servicePathId());
        assertEquals(0xff, n.serviceIndex());
        assertEquals(16, n.contextHeaders().length);
        assertEquals(0x00010201L, n.context(0));
    }

    @Test
    void nshIsBoundedByTheWireLength() {
        NshHeader n = new VxlanGpeHeader(NSH_IPV4, 0, NSH_IPV4.length).nsh(20);
        assertEquals(12, n.length());
        assertEquals("nsh", assertThrows(MalformedPacketException.class, n::contextHeaders).protocol());
    }

    @Test
    void truncated() {
        VxlanGpeHeader h = new VxlanGpeHeader(NSH_IPV4, 0, 6);
        assertEquals(VxlanGpeHeader.NEXT_NSH, h.nextProtocol());
        assertEquals("vxlan_gpe", assertThrows(MalformedPacketException.class, h::vni).protocol());
    }
}
