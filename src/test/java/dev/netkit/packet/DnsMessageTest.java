package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {
    /**
     * dns_udp.pcap packet 1, the UDP payload. tcpdump -n -vv: {@code 22836+ [1au] A? www.tcpdump.org. ar: . OPT
     * UDPsize=4096 [COOKIE 42f5d00996f90b13] (56)}
     */
    private static final byte[] QUERY = hex("593401200001000000000001037777770774637064756d70036f72670000010001"
            + "000029100000000000000c000a000842f5d00996f90b13");
    /**
     * dns_udp.pcap packet 2, the UDP payload (names compressed). tcpdump -n -vv: {@code 22836*- q: A?
     * www.tcpdump.org. 2/2/5 www.tcpdump.org. A 192.139.46.66, www.tcpdump.org. A 198.199.88.104 ns: tcpdump.org.
     * NS sns.cooperix.net., tcpdump.org. NS nic.sandelman.ca. ar: nic.sandelman.ca. A 209.87.249.18,
     * nic.sandelman.ca. AAAA 2607:f0b0:f::babe:f00d, sns.cooperix.net. A 97.107.133.15, sns.cooperix.net. AAAA
     * 2600:3c03::f03c:91ff:fe96:e8ef, . OPT UDPsize=4096 (224)}
     */
    private static final byte[] RESPONSE = hex("593485000001000200020005037777770774637064756d70036f726700000100"
            + "01c00c000100010000003c0004c08b2e42c00c000100010000003c0004c6c75868c0100002000100015180001203736e"
            + "7308636f6f7065726978036e657400c01000020001000151800012036e69630973616e64656c6d616e02636100c06b00"
            + "0100010000012c0004d157f912c06b001c00010000012c00102607f0b0000f000000000000babef00dc04d00010001"
            + "00001c200004616b850fc04d001c000100001c20001026003c0300000000f03c91fffe96e8ef0000291000000000000000");

    @Test
    void query() {
        DnsMessage m = new DnsMessage(QUERY, 0, QUERY.length);
        assertEquals(22836, m.id());
        assertFalse(m.response());
        assertTrue(m.recursionDesired());
        assertTrue(m.authenticData(), "the AD bit of the query (0x0120)");
        assertEquals(0, m.opcode());
        assertEquals(List.of(new DnsMessage.Question("www.tcpdump.org.", 1, 1)), m.questions());
        assertEquals(1, m.count(DnsMessage.ADDITIONAL));
        DnsMessage.ResourceRecord opt = m.records(DnsMessage.ADDITIONAL).get(0);
        assertEquals(".", opt.name());
        assertEquals(41, opt.type());
        assertEquals(4096, opt.dclass(), "OPT's class is the UDP size");
        assertEquals(12, opt.rdataLength());
        assertEquals(10, m.u16At(opt.rdata()), "the COOKIE option's code");
        assertEquals("42f5d00996f90b13", Vectors.hex(m.bytesAt(opt.rdata() + 4, 8)));
    }

    @Test
    void responseDecompressesNames() {
        DnsMessage m = new DnsMessage(RESPONSE, 0, RESPONSE.length);
        assertTrue(m.response());
        assertTrue(m.authoritative());
        assertFalse(m.recursionAvailable());
        assertEquals(0, m.rcode());
        List<DnsMessage.ResourceRecord> an = m.records(DnsMessage.ANSWER);
        assertEquals(2, an.size());
        assertEquals("www.tcpdump.org.", an.get(0).name());
        assertEquals(60, an.get(0).ttl());
        assertEquals("/192.139.46.66", m.address(an.get(0)).toString());
        assertEquals("/198.199.88.104", m.address(an.get(1)).toString());
        List<DnsMessage.ResourceRecord> ns = m.records(DnsMessage.AUTHORITY);
        assertEquals("tcpdump.org.", ns.get(0).name());
        assertEquals(2, ns.get(0).type());
        assertEquals("sns.cooperix.net.", m.nameAt(ns.get(0).rdata()));
        assertEquals("nic.sandelman.ca.", m.nameAt(ns.get(1).rdata()));
        assertEquals(ns.get(1).rdata() + ns.get(1).rdataLength(), m.nameEnd(ns.get(1).rdata()));
        List<DnsMessage.ResourceRecord> ar = m.records(DnsMessage.ADDITIONAL);
        assertEquals(5, ar.size());
        assertEquals("nic.sandelman.ca.", ar.get(1).name());
        assertEquals("/2607:f0b0:f:0:0:0:babe:f00d", m.address(ar.get(1)).toString());
        assertEquals("sns.cooperix.net.", ar.get(3).name());
        assertEquals(41, ar.get(4).type());
    }

    @Test
    void pointerMustPointBackwards() {
        // the query above with its question's name replaced by a pointer to itself (offset 12): a loop
        byte[] loop = Arrays.copyOf(QUERY, 12 + 2 + 4);
        loop[5] = 1; // one question
        loop[11] = 0; // no additional record
        loop[12] = (byte) 0xc0;
        loop[13] = 12;
        loop[15] = 1;
        loop[17] = 1;
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> new DnsMessage(loop, 0, loop.length));
        assertFalse(e.isTruncation());
    }

    @Test
    void cutByTheCaptureIsATruncation() {
        for (int cut : new int[] {5, 12, 20, 60, RESPONSE.length - 1}) {
            MalformedPacketException e = assertThrows(MalformedPacketException.class,
                    () -> new DnsMessage(RESPONSE, 0, cut), "cut at " + cut);
            assertTrue(e.isTruncation(), "cut at " + cut);
        }
    }

    @Test
    void escapesLabelBytesAsDnsjava() {
        // a question for "a.b" (one label holding a dot), "@" and a byte 7: \., \@ and \007
        byte[] d = hex("0001 0100 0001 0000 0000 0000 0561 2e62 4007 00 0001 0001");
        assertEquals("a\\.b\\@\\007.", new DnsMessage(d, 0, d.length).questions().get(0).name());
    }

    @Test
    void damagedBytesThrowOnlyMalformedPacket() {
        // every byte of the response set to each of a few values, and every cut: a view or MalformedPacketException,
        // and a view's RDATA reads of the types it checked never fail
        int views = 0;
        for (int at = 0; at < RESPONSE.length; at++) {
            for (int v : new int[] {0x00, 0x01, 0x3f, 0x40, 0x80, 0xc0, 0xc1, 0xff}) {
                byte[] d = RESPONSE.clone();
                d[at] = (byte) v;
                views += readAll(d, d.length);
            }
            views += readAll(RESPONSE, at);
        }
        assertTrue(views > 100, "messages that still parsed: " + views);
    }

    private static int readAll(byte[] d, int end) {
        DnsMessage m;
        try {
            m = new DnsMessage(d, 0, end);
        } catch (MalformedPacketException e) {
            return 0;
        }
        for (int s = DnsMessage.ANSWER; s <= DnsMessage.ADDITIONAL; s++) {
            for (DnsMessage.ResourceRecord r : m.records(s)) {
                switch (r.type()) {
                    case DnsMessage.A, DnsMessage.AAAA -> m.address(r);
                    case DnsMessage.NS, DnsMessage.CNAME, DnsMessage.PTR, DnsMessage.DNAME -> m.nameAt(r.rdata());
                    case DnsMessage.MX -> m.nameAt(r.rdata() + 2);
                    default -> {
                    }
                }
            }
        }
        return 1;
    }
}
