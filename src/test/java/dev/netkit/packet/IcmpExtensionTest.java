package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IcmpExtensionTest {
    // tcpdump's mpls-traceroute.pcap packet 2, the 12 bytes after the time exceeded message's 136, -v:
    //   ICMP Multi-Part extension v2, checksum 0xc55f (correct), length 12
    //     MPLS Stack Entry Object (1), Class-Type: 1, length 8
    //       label 100704, tc 0, [S], ttl 1
    static final String MPLS = "2000c55f 00080101 18960101";
    // tcpdump's icmp-rfc8335.pcap packet 1, the extended echo request's 12 bytes after its 8-byte header; sniff -v
    // prints, as tcpdump 4.99.6's print-icmp.c does:
    //   ICMP extended echo request, id 63210, seq 0, length 28
    //   Local Interface, checksum 0xdcf4 (correct), length 12
    //     Interface Identification Object (3), Class-Type: 2, length 8
    //       Interface Index: 1
    static final String BY_INDEX = "2000dcf4 00080302 00000001";

    @Test
    void parseMplsStack() {
        byte[] b = hex(MPLS);
        IcmpExtension m = new IcmpExtension(b, 0, b.length);
        assertEquals(IcmpExtension.VERSION, m.version());
        assertEquals(0xc55f, m.checksum());
        assertTrue(m.checksumCorrect(12));
        assertEquals(new IcmpExtension.ObjectHeader(8, IcmpExtension.MPLS_STACK, 1), m.object(IcmpExtension.HEADER));
        long entry = m.u32At(8);
        assertEquals(100704, entry >>> 12, "label");
        assertEquals(0x100, entry & 0x100, "bottom of stack");
        assertEquals(1, entry & 0xff, "ttl");
    }

    @Test
    void parseInterfaceIdentification() {
        byte[] b = hex(BY_INDEX);
        IcmpExtension m = new IcmpExtension(b, 0, b.length);
        assertTrue(m.checksumCorrect(12));
        assertEquals(new IcmpExtension.ObjectHeader(8, IcmpExtension.INTERFACE_IDENTIFICATION, 2), m.object(4));
        assertEquals(1, m.u32At(8), "interface index");
        b[11] = 2;
        assertFalse(m.checksumCorrect(12), "another index, the same checksum");
    }

    @Test
    void truncated() {
        byte[] b = hex(MPLS);
        IcmpExtension m = new IcmpExtension(b, 0, 10);
        assertEquals(10, m.length());
        assertTrue(m.has(4, 4));
        assertFalse(m.has(8, 4));
        assertEquals(IcmpExtension.MPLS_STACK, m.object(4).classNum());
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> m.u32At(8));
        assertTrue(e.isTruncation());
        assertThrows(MalformedPacketException.class, () -> m.checksumCorrect(12));
        assertThrows(MalformedPacketException.class, () -> new IcmpExtension(b, 12, 12).version());
        assertEquals(12, new IcmpExtension(b, 0, 99).length(), "clamped to the capture");
    }
}
