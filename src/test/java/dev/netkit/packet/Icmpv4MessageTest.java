package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Icmpv4MessageTest {
    // IP (tos 0x0, ttl 64, id 7238, offset 0, flags [DF], proto ICMP (1), length 44)
    //     198.18.1.10 > 198.18.10.10: ICMP echo request, id 4660, seq 1, length 24
    static final String ECHO = "4500002c1c46400040018752c612010ac6120a0a08003915123400016e65746b69742d70696e672d30313233";
    // IP (tos 0x0, ttl 64, id 257, offset 0, flags [none], proto ICMP (1), length 56)
    //     198.18.1.1 > 198.18.1.10: ICMP time exceeded in-transit, length 36
    //     IP (tos 0x0, ttl 1, id 7239, offset 0, flags [none], proto UDP (17), length 34)
    //     198.18.1.10.40000 > 198.18.10.10.33434: UDP, length 6
    static final String TIME_EXCEEDED = "45000038010100004001eb94c6120101c612010a0b00d89d00000000450000221c4700000111064cc612010ac6120a0a9c40829a000efd78";
    // IP (tos 0x0, ttl 64, id 258, offset 0, flags [none], proto ICMP (1), length 56)
    //     198.18.2.1 > 198.18.1.10: ICMP 198.18.10.10 unreachable - need to frag (mtu 1400), length 36
    static final String FRAG_NEEDED = "45000038010200004001ea93c6120201c612010a0304db2100000578450000221c4700000111064cc612010ac6120a0a9c40829a000efd78";
    // IP (tos 0x0, ttl 64, id 259, offset 0, flags [none], proto ICMP (1), length 56)
    //     198.18.10.10 > 198.18.1.10: ICMP 198.18.10.10 udp port 33434 unreachable, length 36
    static final String PORT_UNREACHABLE = "45000038010300004001e289c6120a0ac612010a0303e09a00000000450000221c4700000111064cc612010ac6120a0a9c40829a000efd78";
    // IP (tos 0x0, ttl 64, id 260, offset 0, flags [none], proto ICMP (1), length 56)
    //     198.18.1.1 > 198.18.1.10: ICMP redirect 198.18.10.10 to host 198.18.1.11, length 36
    static final String REDIRECT = "45000038010400004001eb91c6120101c612010a0501177fc612010b450000221c4700000111064cc612010ac6120a0a9c40829a000efd78";

    static Icmpv4Message parse(String datagram) {
        byte[] d = hex(datagram);
        Icmpv4Packet p = Icmpv4Packet.newChecked(d, 20, d.length - 20);
        assertTrue(p.checksumValid());
        return Icmpv4Message.parse(p);
    }

    @Test
    void parseEcho() {
        Icmpv4Message.Echo e = assertInstanceOf(Icmpv4Message.Echo.class, parse(ECHO));
        assertTrue(e.request());
        assertEquals(4660, e.identifier());
        assertEquals(1, e.sequence());
        assertArrayEquals("netkit-ping-0123".getBytes(), e.data());
        assertEquals("ICMP echo request, id 4660, seq 1, length 24", e.toString());
    }

    @Test
    void parseTimeExceededWithQuotedDatagram() {
        Icmpv4Message.TimeExceeded t = assertInstanceOf(Icmpv4Message.TimeExceeded.class, parse(TIME_EXCEEDED));
        assertEquals(Icmpv4Message.TimeExceeded.TTL_EXCEEDED, t.code());
        Frame quoted = t.quotedFrame();
        assertEquals(1, quoted.ipv4().orElseThrow().ttl());
        assertEquals(v4("198.18.10.10"), quoted.ipv4().orElseThrow().destination());
        assertEquals(33434, quoted.udp().orElseThrow().destinationPort());
        assertTrue(quoted.truncated(), "only 8 bytes of the 14-byte UDP datagram are quoted");
        assertTrue(quoted.complete());
    }

    @Test
    void parseFragmentationNeeded() {
        Icmpv4Message.DestinationUnreachable u = assertInstanceOf(Icmpv4Message.DestinationUnreachable.class,
                parse(FRAG_NEEDED));
        assertEquals(Icmpv4UnreachableCode.FRAGMENTATION_NEEDED, u.reason());
        assertEquals(1400, u.nextHopMtu());
        assertEquals("ICMP unreachable FRAGMENTATION_NEEDED(4), mtu 1400", u.toString());
    }

    @Test
    void parsePortUnreachable() {
        Icmpv4Message.DestinationUnreachable u = assertInstanceOf(Icmpv4Message.DestinationUnreachable.class,
                parse(PORT_UNREACHABLE));
        assertEquals(Icmpv4UnreachableCode.PORT_UNREACHABLE, u.reason());
        assertEquals(40000, u.quotedFrame().udp().orElseThrow().sourcePort());
    }

    @Test
    void parseRedirect() {
        Icmpv4Message.Redirect r = assertInstanceOf(Icmpv4Message.Redirect.class, parse(REDIRECT));
        assertEquals(1, r.code());
        assertEquals(v4("198.18.1.11"), r.gateway());
    }

    @Test
    void allUnreachableCodesHaveNames() {
        for (int code = 0; code <= 15; code++) {
            Icmpv4UnreachableCode c = Icmpv4UnreachableCode.valueOf(code);
            assertTrue(c.isKnown(), "code " + code);
            byte[] b = new Icmpv4Message.DestinationUnreachable(c, 0, new byte[0]).toBytes();
            assertEquals(c, ((Icmpv4Message.DestinationUnreachable) Icmpv4Message.parse(b, 0, b.length)).reason());
        }
        assertEquals("UNKNOWN(16)", Icmpv4UnreachableCode.valueOf(16).toString());
        assertEquals("HOST_UNREACHABLE(1)", Icmpv4UnreachableCode.HOST_UNREACHABLE.toString());
    }

    @Test
    void roundTrip() {
        for (String v : List.of(ECHO, TIME_EXCEEDED, FRAG_NEEDED, PORT_UNREACHABLE, REDIRECT)) {
            byte[] d = hex(v);
            Icmpv4Message m = Icmpv4Message.parse(d, 20, d.length - 20);
            Vectors.assertRebuilds(v, Arrays.copyOfRange(d, 20, d.length), m.toBytes());
        }
    }

    @Test
    void otherTypesAreKept() {
        // Parameter problem pointing at byte 20 (RFC 792): rest of header 0x14000000.
        byte[] b = new Icmpv4Message.Other(Icmpv4Type.PARAMETER_PROBLEM, 0, 0x14000000L, hex("4500")).toBytes();
        Icmpv4Message.Other o = assertInstanceOf(Icmpv4Message.Other.class, Icmpv4Message.parse(b, 0, b.length));
        assertEquals(Icmpv4Type.PARAMETER_PROBLEM, o.type());
        assertEquals(0x14000000L, o.restOfHeader());
        assertTrue(Icmpv4Packet.newChecked(b).checksumValid());
    }

    @Test
    void truncated() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Icmpv4Message.parse(hex("0800391512"), 0, 5));
        assertEquals("ICMP: header length 8 exceeds the 5 bytes captured", e.getMessage());
    }
}
