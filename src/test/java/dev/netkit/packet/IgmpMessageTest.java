package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgmpMessageTest {
    // IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
    //     198.18.1.1 > 224.0.0.1: igmp query v2
    static final String V2_QUERY = "46c000200001000001027d02c6120101e0000001940400001164ee9b00000000";
    // IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 28)
    //     198.18.1.1 > 239.1.2.3: igmp v1 report 239.1.2.3
    static final String V1_REPORT = "45c0001c0001000001020108c6120101ef0102031200fcfaef010203";
    // IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
    //     198.18.1.1 > 224.0.0.2: igmp leave 239.1.2.3
    static final String LEAVE = "46c000200001000001027d01c6120101e0000002940400001700f7faef010203";
    // IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 44, options (RA))
    //     198.18.1.1 > 239.1.2.3: igmp query v3 [max resp time 2.0s] [gaddr 239.1.2.3 { 198.18.1.10 198.18.1.11 }]
    static final String V3_QUERY = "46c0002c0001000001026bf3c6120101ef01020394040000111466e2ef01020308c80002c612010ac612010b";
    // IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 108, options (RA))
    //     198.18.1.1 > 224.0.0.22: igmp v3 report, 7 group record(s) [gaddr 239.1.2.3 is_in { }]
    //     [gaddr 239.1.2.4 to_ex { 198.18.1.10 }] [gaddr 239.1.2.5 is_ex { 198.18.1.10 198.18.1.11 }]
    //     [gaddr 239.1.2.6 to_in { }] [gaddr 239.1.2.7 allow { 1.2.3.4 }] [gaddr 239.1.2.8 block { 1.2.3.5 }]
    //     [gaddr 239.1.2.9  [v3-report-#9] { }]
    static final String V3_REPORT = "46c0006c0001000001027ca1c6120101e0000016940400002200cb570000000701000000ef01020304"
            + "000001ef010204c612010a02000002ef010205c612010ac612010b03000000ef01020605000001ef0102070102030406000001"
            + "ef0102080102030509000000ef010209";
    // IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 40, options (RA))
    //     198.18.1.1 > 224.0.0.22: igmp v3 report, 3 group record(s) [gaddr 239.1.2.3 is_in { }] [invalid number of groups]
    static final String V3_REPORT_SHORT = "46c000280001000001027ce5c6120101e0000016940400002200ebf70000000301000000ef010203";

    static IgmpMessage parse(String datagram) {
        Frame f = Frame.decode(LinkType.IPV4, hex(datagram));
        assertTrue(f.complete(), f.toString());
        assertEquals(Boolean.TRUE, f.checksumValid().orElseThrow());
        return f.igmp().orElseThrow();
    }

    static byte[] message(String datagram) {
        byte[] d = hex(datagram);
        int ihl = (d[0] & 0x0f) * 4;
        return Arrays.copyOfRange(d, ihl, d.length);
    }

    @Test
    void parseQueriesOfEveryVersion() {
        IgmpMessage.Query v2 = assertInstanceOf(IgmpMessage.Query.class, parse(V2_QUERY));
        assertEquals(2, v2.version());
        assertEquals(100, v2.maxResponseTenths());
        assertEquals(v4("0.0.0.0"), v2.group());
        assertEquals(List.of(), v2.sources());

        IgmpMessage.Query v3 = assertInstanceOf(IgmpMessage.Query.class, parse(V3_QUERY));
        assertEquals(3, v3.version());
        assertEquals(20, v3.maxResponseTenths());
        assertEquals(v4("239.1.2.3"), v3.group());
        assertEquals(List.of(v4("198.18.1.10"), v4("198.18.1.11")), v3.sources());
        assertEquals(0, v3.robustness());
        assertTrue(v3.suppressRouterProcessing());
        assertEquals(3072, v3.queryIntervalSeconds(), "QQIC 200 = mantissa 8, exponent 4: (16+8) << 7");

        IgmpMessage.Query v1 = assertInstanceOf(IgmpMessage.Query.class,
                IgmpMessage.parse(hex("1100eeff00000000"), 0, 8));
        assertEquals(1, v1.version());
    }

    @Test
    void parseReportsAndLeave() {
        IgmpMessage.MembershipReport r = assertInstanceOf(IgmpMessage.MembershipReport.class, parse(V1_REPORT));
        assertEquals(1, r.version());
        assertEquals(v4("239.1.2.3"), r.group());
        IgmpMessage.Leave l = assertInstanceOf(IgmpMessage.Leave.class, parse(LEAVE));
        assertEquals(v4("239.1.2.3"), l.group());
        assertEquals(IgmpType.LEAVE_GROUP, l.type());
    }

    @Test
    void parseVersion3ReportWithGroupRecords() {
        IgmpMessage.Version3Report r = assertInstanceOf(IgmpMessage.Version3Report.class, parse(V3_REPORT));
        assertEquals(7, r.records().size());
        IgmpMessage.GroupRecord isEx = r.records().get(2);
        assertEquals(2, isEx.recordType());
        assertEquals(v4("239.1.2.5"), isEx.group());
        assertEquals(List.of(v4("198.18.1.10"), v4("198.18.1.11")), isEx.sources());
        assertEquals(9, r.records().get(6).recordType(), "an unknown record type is kept");
    }

    @Test
    void emitRebuildsEveryVector() {
        for (String v : List.of(V2_QUERY, V1_REPORT, LEAVE, V3_QUERY, V3_REPORT)) {
            Vectors.assertRebuilds(v, message(v), parse(v).toBytes());
        }
    }

    @Test
    void countsBeyondTheBytesAreNotTrusted() {
        // the report says 3 records, the datagram holds 1
        IgmpMessage.Version3Report r = assertInstanceOf(IgmpMessage.Version3Report.class, parse(V3_REPORT_SHORT));
        assertEquals(1, r.records().size());
        // a v3 query claiming 65535 sources with room for one
        byte[] q = hex("1164000000000000" + "0264ffff" + "c612010a");
        IgmpMessage.Query query = assertInstanceOf(IgmpMessage.Query.class, IgmpMessage.parse(q, 0, q.length));
        assertEquals(List.of(v4("198.18.1.10")), query.sources());
        // a group record claiming 65535 sources and 255 words of aux data
        byte[] rep = hex("2200000000000001" + "01ffffff" + "ef010203" + "c612010a");
        IgmpMessage.Version3Report big = assertInstanceOf(IgmpMessage.Version3Report.class,
                IgmpMessage.parse(rep, 0, rep.length));
        assertEquals(1, big.records().get(0).sources().size());
        assertArrayEquals(new byte[0], big.records().get(0).auxData());
    }

    @Test
    void truncated() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> IgmpMessage.parse(hex("11640000"), 0, 4));
        assertTrue(e.isTruncation());
        Frame f = Frame.decode(LinkType.IPV4, Arrays.copyOf(hex(V2_QUERY), 24 + 6));
        assertEquals("igmp", f.stoppedAt().orElseThrow());
    }

    @Test
    void badChecksumIsReported() {
        byte[] d = hex(LEAVE);
        d[24 + 2] ^= 0x12;
        assertEquals(Boolean.FALSE, Frame.decode(LinkType.IPV4, d).checksumValid().orElseThrow());
    }

    @Test
    void unknownTypesKeepTheirBytes() {
        IgmpMessage.Other o = assertInstanceOf(IgmpMessage.Other.class,
                IgmpMessage.parse(hex("9900abcd01020304"), 0, 8));
        assertEquals(0x99, o.type().value());
        assertFalse(o.type().isKnown());
        assertArrayEquals(hex("01020304"), o.body());
    }
}
