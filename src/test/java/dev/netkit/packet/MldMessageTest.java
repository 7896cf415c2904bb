package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MldMessageTest {
    // IP6 fe80::6e:6bff:fe01:c > ff02::1: HBH ICMP6, multicast listener querymax resp delay: 10000 addr: ::, length 24
    static final String V1_QUERY = "8200ee9c2710000000000000000000000000000000000000";
    // IP6 fe80::6e:6bff:fe01:c > ff02::1:ff00:1: HBH ICMP6, multicast listener reportmax resp delay: 0 addr: ff02::1:ff00:1, length 24
    static final String V1_REPORT = "830017a500000000ff0200000000000000000001ff000001";
    // IP6 fe80::6e:6bff:fe01:c > ff05::1:3: HBH ICMP6, multicast listener query v2 [max resp delay=1000]
    //     [gaddr ff05::1:3 robustness=2 qqi=125 { 2001:db8:1::10 2001:db8:1::11 }]
    static final String V2_QUERY = "8200b47c03e80000ff050000000000000000000000010003027d000220010db80001000000000000"
            + "0000001020010db8000100000000000000000011";
    // IP6 fe80::6e:6bff:fe01:c > ff02::16: HBH ICMP6, multicast listener report v2, 2 group record(s)
    //     [gaddr ff02::1:ff01:c to_ex { }] [gaddr ff02::1:ff00:a to_ex { }]
    static final String V2_REPORT = "8f00045d0000000204000000ff0200000000000000000001ff01000c04000000ff0200000000000000000001ff00000a";
    // a report whose second record carries one word of auxiliary data (tcpdump does not skip it; RFC 3810 does)
    static final String V2_REPORT_AUX = "8f0071a70000000401000002ff05000000000000000000000001000320010db800010000000000000000001020010db80001"
            + "0000000000000000001103010000ff0500000000000000000000000000020000000006000001ff0500000000000000000000"
            + "0000000320010db800000000000000000000000107000000ff050000000000000000000000000004";

    static MldMessage parse(String message) {
        byte[] b = hex(message);
        return MldMessage.of(Icmpv6Message.parse(b, 0, b.length)).orElseThrow();
    }

    @Test
    void parseVersion1() {
        MldMessage.Query q = assertInstanceOf(MldMessage.Query.class, parse(V1_QUERY));
        assertEquals(1, q.version());
        assertEquals(10000, q.maxResponseDelayMillis());
        assertTrue(q.group().isAnyLocalAddress());
        MldMessage.Listener r = assertInstanceOf(MldMessage.Listener.class, parse(V1_REPORT));
        assertFalse(r.done());
        assertEquals(v6("ff02::1:ff00:1"), r.group());
    }

    @Test
    void parseVersion2Query() {
        MldMessage.Query q = assertInstanceOf(MldMessage.Query.class, parse(V2_QUERY));
        assertEquals(2, q.version());
        assertEquals(1000, q.maxResponseDelayMillis());
        assertEquals(v6("ff05::1:3"), q.group());
        assertEquals(2, q.robustness());
        assertEquals(125, q.queryIntervalSeconds());
        assertEquals(List.of(v6("2001:db8:1::10"), v6("2001:db8:1::11")), q.sources());
        assertEquals(115712, new MldMessage.Query(2, 40000, q.group(), false, 2, 125, List.of()).maxResponseDelayMillis(),
                "code 40000: mantissa 0x0c40, exponent 1 (RFC 3810 5.1.3)");
    }

    @Test
    void parseVersion2ReportRecords() {
        MldMessage.Version2Report r = assertInstanceOf(MldMessage.Version2Report.class, parse(V2_REPORT));
        assertEquals(2, r.records().size());
        assertEquals(4, r.records().get(0).recordType());
        assertEquals(v6("ff02::1:ff01:c"), r.records().get(0).group());
        MldMessage.Version2Report aux = assertInstanceOf(MldMessage.Version2Report.class, parse(V2_REPORT_AUX));
        assertEquals(4, aux.records().size());
        assertEquals(v6("ff05::3"), aux.records().get(2).group(), "the auxiliary word of record 2 is skipped");
        assertEquals(List.of(v6("2001:db8::1")), aux.records().get(2).sources());
    }

    @Test
    void countsBeyondTheBytesAreNotTrusted() {
        byte[] b = hex(V2_REPORT);
        b[7] = (byte) 0xff; // 255 records claimed, 2 present
        b[10] = (byte) 0xff; // the first record claims 65280 sources
        MldMessage.Version2Report r = assertInstanceOf(MldMessage.Version2Report.class,
                MldMessage.of(Icmpv6Message.parse(b, 0, b.length)).orElseThrow());
        assertEquals(1, r.records().size());
        assertEquals(1, r.records().get(0).sources().size(), "only the 16 bytes that are there");
        byte[] cut = hex(V1_QUERY.substring(0, 30));
        assertTrue(MldMessage.of(Icmpv6Message.parse(cut, 0, cut.length)).isEmpty());
    }
}
