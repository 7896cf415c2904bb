package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RouterRenumberingMessageTest {
    // tcpdump's icmpv6-RFC2894-RR.pcap packet 1, the ICMPv6 message (after the 40-byte IPv6 header), -v:
    // ICMP6, router renumbering, command, seq=0[S,seg=0,maxdelay=0]
    //   match(add,ord=0,min=0,max=128,fec0::/48) use(mask=0x0,raflags=0x0,vltime=2592000,pltime=604800,3ffe:501:fffe::/48/16)
    static final String COMMAND = "8a00df3a 00000000 00100000 00000000"
            + "01070030 00800000 fec00000000000000000000000000000"
            + "30100000 00278d00 00093a80 00000000 3ffe0501fffe00000000000000000000";

    @Test
    void parse() {
        byte[] b = hex(COMMAND);
        RouterRenumberingMessage m = new RouterRenumberingMessage(b, 0, b.length);
        assertEquals(RouterRenumberingMessage.COMMAND, m.code());
        assertEquals(0, m.sequenceNumber());
        assertEquals(0, m.segmentNumber());
        assertEquals(0x10, m.flags(), "S");
        assertEquals(0, m.maxDelay());
        assertEquals(0, m.reserved());
        RouterRenumberingMessage.MatchPrefix match = m.matchPrefix();
        assertEquals(1, match.opCode(), "add");
        assertEquals(7, match.opLength());
        assertEquals(1, match.useCount());
        assertEquals(48, match.matchLength());
        assertEquals(0, match.minLength());
        assertEquals(128, match.maxLength());
        assertArrayEquals(Vectors.v6("fec0::").getAddress(), match.prefix());
        RouterRenumberingMessage.UsePrefix use = m.usePrefix(0);
        assertEquals(48, use.useLength());
        assertEquals(16, use.keepLength());
        assertEquals(2592000, use.validLifetime());
        assertEquals(604800, use.preferredLifetime());
        assertEquals(0, use.flags());
        assertArrayEquals(Vectors.v6("3ffe:501:fffe::").getAddress(), use.prefix());
    }

    @Test
    void offsetsAreRelativeToTheIcmpv6Type() {
        byte[] b = hex("ffff" + COMMAND);
        RouterRenumberingMessage m = new RouterRenumberingMessage(b, 2, b.length);
        assertEquals(48, m.matchPrefix().matchLength());
    }

    @Test
    void truncated() {
        byte[] b = hex(COMMAND);
        RouterRenumberingMessage header = new RouterRenumberingMessage(b, 0, 15);
        assertEquals(0x10, header.flags());
        assertThrows(MalformedPacketException.class, header::reserved);
        RouterRenumberingMessage noUse = new RouterRenumberingMessage(b, 0, 71);
        assertEquals(1, noUse.matchPrefix().opCode());
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> noUse.usePrefix(0));
        assertEquals(true, e.isTruncation());
        assertThrows(MalformedPacketException.class, () -> new RouterRenumberingMessage(b, 0, 39).matchPrefix());
    }

    @Test
    void anOperationLengthOfNoWholeUseCountIsMinusOne() {
        assertEquals(-1, new RouterRenumberingMessage.MatchPrefix(1, 5, 0, 0, 0, 0, new byte[16]).useCount());
        assertEquals(0, new RouterRenumberingMessage.MatchPrefix(1, 3, 0, 0, 0, 0, new byte[16]).useCount());
    }
}
