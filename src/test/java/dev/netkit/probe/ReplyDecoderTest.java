package dev.netkit.probe;

import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReplyDecoderTest {
    private static final ReplyDecoder DECODER = new ReplyDecoder(0x15ef, 0x8123);

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    // 127.0.0.1 > 127.0.0.1: ICMP echo reply, id 5615, seq 1, length 64 (first 8 payload bytes shown)
    private static final String ECHO_REPLY = "45000054ab2f0000400 1d177 7f000001 7f000001".replace(" ", "")
            + "0000121c15ef0001" + "08090a0b0c0d0e0f";

    @Test
    void echoReplyWithOurId() {
        byte[] b = hex(ECHO_REPLY);
        Reply r = DECODER.icmp4WithIpHeader(b, b.length, 42);
        assertEquals(ReplyKind.ECHO_REPLY, r.kind());
        assertEquals(1, r.token());
        assertEquals(64, r.ttl());
        assertEquals(16, r.bytes());
        assertEquals("127.0.0.1", IpLiteral.format(r.from()));
        assertEquals(42, r.timeNanos());
    }

    @Test
    void echoReplyOfAnotherProcessIsIgnored() {
        byte[] b = hex(ECHO_REPLY);
        assertNull(new ReplyDecoder(0x1234, 0x8123).icmp4WithIpHeader(b, b.length, 0));
    }

    @Test
    void echoRequestIsIgnored() {
        byte[] b = hex(ECHO_REPLY);
        b[20] = 8;
        assertNull(DECODER.icmp4WithIpHeader(b, b.length, 0));
    }

    // 198.18.1.1 > 198.18.1.10: ICMP time exceeded in-transit, quoting
    // 198.18.1.10.33059 > 198.18.10.10.33434: UDP, length 32 (IP id 0x0007, ttl 1)
    private static final String TIME_EXCEEDED_UDP = "4500003800000000 40 01 0000 c6120101 c612010a"
            + "0b00 0000 00000000"
            + "4500003c00070000 01 11 0000 c612010a c6120a0a"
            + "8123829a 0028 0000";

    @Test
    void timeExceededQuotingOurUdpProbe() {
        byte[] b = hex(TIME_EXCEEDED_UDP);
        Reply r = DECODER.icmp4WithIpHeader(b, b.length, 0);
        assertEquals(ReplyKind.TIME_EXCEEDED, r.kind());
        assertEquals(ProbeMethod.UDP, r.method());
        assertEquals(7, r.token(), "the token is the quoted IPv4 id");
        assertEquals("198.18.1.1", IpLiteral.format(r.from()));
        assertEquals("198.18.10.10", IpLiteral.format(r.probeDestination()));
    }

    @Test
    void timeExceededQuotingSomeoneElsesUdpIsIgnored() {
        byte[] b = hex(TIME_EXCEEDED_UDP.replace("8123829a", "9999829a"));
        assertNull(DECODER.icmp4WithIpHeader(b, b.length, 0));
    }

    // 198.18.1.1 > 198.18.1.10: ICMP 198.18.10.10 unreachable - need to frag (mtu 1400), quoting our echo seq 3
    @Test
    void fragNeededCarriesTheMtu() {
        byte[] b = hex("4500003800000000 40 01 0000 c6120101 c612010a" + "0304 0000 0000 0578"
                + "450005dc00004000 40 01 0000 c612010a c6120a0a" + "0800 0000 15ef 0003");
        Reply r = DECODER.icmp4WithIpHeader(b, b.length, 0);
        assertEquals(ReplyKind.PACKET_TOO_BIG, r.kind());
        assertEquals(1400, r.mtu());
        assertEquals(3, r.token());
        assertEquals(ProbeMethod.ICMP, r.method());
    }

    @Test
    void truncatedQuoteIsIgnored() {
        byte[] b = hex("4500003800000000 40 01 0000 c6120101 c612010a" + "0b00 0000 00000000" + "45000038");
        assertNull(DECODER.icmp4WithIpHeader(b, b.length, 0));
        assertNull(DECODER.icmp4WithIpHeader(b, 10, 0));
    }

    // 2001:db8:1::1 > 2001:db8:1::10: ICMP6 time exceeded, quoting UDP 2001:db8:1::10.33059 > 2001:db8:10::10.33434
    // whose first payload bytes (the token) are 0x0102
    @Test
    void icmp6TimeExceededQuotingUdpReadsTheTokenFromThePayload() {
        String quoted = "6000000000281101" + "20010db8000100000000000000000010" + "20010db8001000000000000000000010"
                + "8123829a00280000" + "0102";
        byte[] b = hex("0300000000000000" + quoted);
        Reply r = DECODER.icmp6(b, 0, b.length, SimulatedNetwork.ip("2001:db8:1::1"), 64, 0);
        assertEquals(ReplyKind.TIME_EXCEEDED, r.kind());
        assertEquals(0x0102, r.token());
        assertEquals("2001:db8:10::10", IpLiteral.format(r.probeDestination()));
    }

    @Test
    void icmp6PacketTooBig() {
        String quoted = "6000000005b03a40" + "20010db8000100000000000000000010" + "20010db8001000000000000000000010"
                + "8000000015ef0009";
        byte[] b = hex("02000000 00000578" + quoted);
        Reply r = DECODER.icmp6(b, 0, b.length, SimulatedNetwork.ip("2001:db8:1::1"), 64, 0);
        assertEquals(ReplyKind.PACKET_TOO_BIG, r.kind());
        assertEquals(1400, r.mtu());
        assertEquals(9, r.token());
    }

    // 198.18.10.10.80 > 198.18.1.10.40000: Flags [S.], options [mss 1460]
    @Test
    void tcpSynAckNamesOurPort() {
        byte[] b = hex("4500002c00004000 3d 06 0000 c6120a0a c612010a" + "00509c40 00000000 00000001 6012 ffff 0000 0000" + "020405b4");
        Reply r = DECODER.tcp4WithIpHeader(b, b.length, 0);
        assertEquals(ReplyKind.TCP_SYN_ACK, r.kind());
        assertEquals(40000, r.token());
        assertEquals(61, r.ttl());
    }

    @Test
    void tcpDataSegmentIsIgnored() {
        byte[] b = hex("4500002c00004000 3d 06 0000 c6120a0a c612010a" + "00509c40 00000000 00000001 5018 ffff 0000 0000");
        assertNull(DECODER.tcp4WithIpHeader(b, b.length, 0));
    }

    // The same echo reply as captured on Ethernet: 02:00:00:00:00:01 > 02:00:00:00:00:0a, ethertype IPv4
    @Test
    void echoReplyInAnEthernetFrame() {
        byte[] b = hex("02000000000a 020000000001 0800" + ECHO_REPLY);
        Reply r = DECODER.ethernet(b, 0, b.length, 7);
        assertEquals(ReplyKind.ECHO_REPLY, r.kind());
        assertEquals(1, r.token());
        assertEquals(7, r.timeNanos());
        assertNull(DECODER.ethernet(b, 0, 20, 7), "cut inside the IP header");
        assertNull(DECODER.ethernet(hex("ffffffffffff 020000000001 0806" + "0001080006040001"), 0, 22, 0), "ARP");
    }

    // 2001:db8:10::10 > 2001:db8:1::10: ICMP6, echo reply, id 5615, seq 4, with its IPv6 header (a capture)
    @Test
    void icmp6EchoReplyWithItsIpv6Header() {
        byte[] b = hex("60000000000c3a3d" + "20010db8001000000000000000000010" + "20010db8000100000000000000000010"
                + "8100000015ef0004" + "08090a0b");
        Reply r = DECODER.ipv6(b, 0, b.length, 0);
        assertEquals(ReplyKind.ECHO_REPLY, r.kind());
        assertEquals(4, r.token());
        assertEquals(61, r.ttl());
        assertEquals("2001:db8:10::10", IpLiteral.format(r.from()));
        assertNull(new ReplyDecoder(0x1111, 0x8123).ipv6(b, 0, b.length, 0));
    }

    // 198.18.2.2 > 198.18.1.10: ICMP time exceeded quoting only 8 bytes of 198.18.1.10.40001 > 198.18.10.10.80 (SYN)
    @Test
    void timeExceededQuotingEightBytesOfTcpNamesTheSourcePort() {
        byte[] b = hex("4500003800000000 3f 01 0000 c6120202 c612010a" + "0b00 0000 00000000"
                + "4500002c00004000 01 06 0000 c612010a c6120a0a" + "9c410050 00000001");
        Reply r = DECODER.icmp4WithIpHeader(b, b.length, 0);
        assertEquals(ReplyKind.TIME_EXCEEDED, r.kind());
        assertEquals(ProbeMethod.TCP, r.method());
        assertEquals(40001, r.token());
        assertEquals("198.18.10.10", IpLiteral.format(r.probeDestination()));
    }

    // What an unprivileged socket's error queue returns: our own echo request, id 5615 seq 9
    @Test
    void echoSequenceOfOurOwnRequest() {
        assertEquals(9, ReplyDecoder.echoSequence(hex("0800000015ef0009"), 8, false));
        assertEquals(9, ReplyDecoder.echoSequence(hex("8000000015ef0009"), 8, true));
        assertEquals(-1, ReplyDecoder.echoSequence(hex("0000000015ef0009"), 8, false), "a reply, not a request");
        assertEquals(-1, ReplyDecoder.echoSequence(hex("08000000"), 4, false));
    }

    // 198.18.1.1 > 198.18.1.10: ICMP time exceeded, quoting a Paris SYN 198.18.1.10.16400 > 198.18.10.10.80
    // with sequence number 0x002a0000 (token 42 in the upper half)
    private static final String TIME_EXCEEDED_PARIS_TCP = "4500003800000000 40 01 0000 c6120101 c612010a"
            + "0b00 0000 00000000"
            + "4500002800070000 01 06 0000 c612010a c6120a0a"
            + "4010 0050 002a0000";

    @Test
    void parisTcpProbesAreToldApartByTheirSequenceNumber() {
        ReplyDecoder paris = new ReplyDecoder(0x15ef, 0x8123, 0x4000);
        byte[] b = hex(TIME_EXCEEDED_PARIS_TCP);
        Reply r = paris.icmp4WithIpHeader(b, b.length, 0);
        assertEquals(ProbeMethod.TCP, r.method());
        assertEquals(42, r.token(), "the token is the quoted sequence number's upper half");
        // without Paris ports the token is the quoted source port (connect()ed SYNs)
        assertEquals(0x4010, DECODER.icmp4WithIpHeader(b, b.length, 0).token());
        // the server's SYN-ACK to 16400 acknowledges 0x002a0000 + 1
        byte[] synAck = hex("0050 4010 12345678 002a0001 5012 faf0 0000 0000");
        Reply a = paris.tcp(synAck, 0, synAck.length, SimulatedNetwork.ip("198.18.10.10"), 61, 0);
        assertEquals(ReplyKind.TCP_SYN_ACK, a.kind());
        assertEquals(42, a.token());
        // a port of the Paris range but past the flows (0x4000 + 64) is an ordinary connect()ed port
        byte[] other = hex("0050 4040 12345678 002a0001 5012 faf0 0000 0000");
        assertEquals(0x4040, paris.tcp(other, 0, other.length, SimulatedNetwork.ip("198.18.10.10"), 61, 0).token());
    }

    // 198.18.2.2 > 198.18.1.10: ICMP time exceeded quoting our echo request to 198.18.10.10 (id 5615, seq 5); the same
    // quote with IP options (which only Frame's whole decoding reads) and with a whole Paris TCP header
    @Test
    void quotesReadTheSameWithOrWithoutIpOptions() {
        String outer = "4500003c00000000 3f 01 0000 c6120202 c612010a" + "0b00 0000 00000000";
        byte[] plain = hex(outer + "4500001c00000000 01 01 0000 c612010a c6120a0a" + "0800 0000 15ef 0005");
        byte[] options = hex(outer + "4600002000000000 01 01 0000 c612010a c6120a0a 01010100" + "0800 0000 15ef 0005");
        for (byte[] b : new byte[][] {plain, options}) {
            Reply r = DECODER.icmp4WithIpHeader(b, b.length, 0);
            assertEquals(ReplyKind.TIME_EXCEEDED, r.kind());
            assertEquals(ProbeMethod.ICMP, r.method());
            assertEquals(5, r.token());
            assertEquals("198.18.2.2", IpLiteral.format(r.from()));
            assertEquals("198.18.10.10", IpLiteral.format(r.probeDestination()));
        }
        byte[] someoneElses = hex(outer + "4500001c00000000 01 01 0000 c612010a c6120a0a" + "0800 0000 1234 0005");
        assertNull(DECODER.icmp4WithIpHeader(someoneElses, someoneElses.length, 0), "another process's echo");
        byte[] reply = hex(outer + "4500001c00000000 01 01 0000 c612010a c6120a0a" + "0000 0000 15ef 0005");
        assertNull(DECODER.icmp4WithIpHeader(reply, reply.length, 0), "an echo reply is never our probe");

        ReplyDecoder paris = new ReplyDecoder(0x15ef, 0x8123, 0x4000);
        String syn = "4010 0050 002a0000 00000000 5002 faf0 0000 0000";
        byte[] whole = hex(outer + "4500002800070000 01 06 0000 c612010a c6120a0a" + syn);
        byte[] withOptions = hex(outer + "4600002c00070000 01 06 0000 c612010a c6120a0a 01010100" + syn);
        for (byte[] b : new byte[][] {whole, withOptions}) {
            Reply r = paris.icmp4WithIpHeader(b, b.length, 0);
            assertEquals(ProbeMethod.TCP, r.method());
            assertEquals(42, r.token(), "the quoted sequence number's upper half");
            assertEquals(0x4010, DECODER.icmp4WithIpHeader(b, b.length, 0).token(), "not Paris: the source port");
        }
    }
}
