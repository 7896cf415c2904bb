package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.packet.Checksum;
import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.PseudoHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.netkit.cli.SniffFrames.v4;
import static dev.netkit.cli.SniffFrames.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IGMP and MLD (the multicast group chatter every lab link carries) print as tcpdump 4.99.3 prints them at
 * -v levels 0, 1 and 2, including cut captures and counts that do not fit. The frames are built here; the
 * expected lines are what {@code tcpdump -tt -n [-v|-vv] -r} printed for the same file, with the IPv6 -v header
 * in tcpdump 4.99.5's form ({@code next-header ICMPv6 (58), payload length 32}; 4.99.3 wrote
 * {@code (58) payload length: 32}) and protocol 0 by 4.99.5's name ({@code HBH (0)}; 4.99.3 wrote {@code Options}).
 */
class SniffMulticastTest {
    @TempDir
    Path dir;

    static final String ROUTER = "198.18.1.1";
    static final String LINK_LOCAL = "fe80::6e:6bff:fe01:c";

    // ---- frame building ----

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static byte[] ethernet(String dstMac, int etherType) {
        byte[] e = new byte[14];
        for (int i = 0; i < 6; i++) {
            e[i] = (byte) Integer.parseInt(dstMac.substring(3 * i, 3 * i + 2), 16);
        }
        byte[] src = {2, 0, 0, 0, 1, 1};
        System.arraycopy(src, 0, e, 6, 6);
        e[12] = (byte) (etherType >> 8);
        e[13] = (byte) etherType;
        return e;
    }

    /** Ethernet + IPv4 (TTL 1, router alert option, as hosts send IGMP) around {@code igmp}. */
    static byte[] igmpFrame(String dst, byte[] igmp) {
        byte[] ip = new byte[24];
        ip[0] = 0x46;
        ip[1] = (byte) 0xc0;
        int total = 24 + igmp.length;
        ip[2] = (byte) (total >> 8);
        ip[3] = (byte) total;
        ip[5] = 1;
        ip[8] = 1;
        ip[9] = 2;
        System.arraycopy(v4(ROUTER).getAddress(), 0, ip, 12, 4);
        System.arraycopy(v4(dst).getAddress(), 0, ip, 16, 4);
        ip[20] = (byte) 0x94;
        ip[21] = 4;
        int sum = Checksum.finish(Checksum.sum(ip, 0, 24));
        ip[10] = (byte) (sum >> 8);
        ip[11] = (byte) sum;
        return concat(ethernet("01:00:5e:00:00:01", 0x0800), ip, igmp);
    }

    /** Ethernet + IPv6 (hop limit 1, hop-by-hop router alert, as MLD is sent) around the ICMPv6 message. */
    static byte[] mldFrame(String dst, byte[] icmp6) {
        byte[] m = icmp6.clone();
        int sum = Checksum.finish(Checksum.sum(m, 0, m.length)
                + PseudoHeader.v6(v6(LINK_LOCAL), v6(dst)).sum(58, m.length));
        m[2] = (byte) (sum >> 8);
        m[3] = (byte) sum;
        byte[] ip = new byte[40];
        ip[0] = 0x60;
        int payload = 8 + m.length;
        ip[4] = (byte) (payload >> 8);
        ip[5] = (byte) payload;
        ip[6] = 0; // hop-by-hop options next
        ip[7] = 1;
        System.arraycopy(v6(LINK_LOCAL).getAddress(), 0, ip, 8, 16);
        System.arraycopy(v6(dst).getAddress(), 0, ip, 24, 16);
        byte[] hbh = {58, 0, 5, 2, 0, 0, 1, 0};
        return concat(ethernet("33:33:00:00:00:16", 0x86dd), ip, hbh, m);
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] a(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** MLDv1 (RFC 2710): type, code, checksum (filled later), max response delay, reserved, address. */
    static byte[] mldV1(int type, int delay, String group) {
        return concat(new byte[] {(byte) type, 0, 0, 0}, u16(delay), u16(0), a(group));
    }

    static byte[] mldV2Query(int code, String group, int flags, int qqic, String... sources) {
        byte[] s = new byte[0];
        for (String x : sources) {
            s = concat(s, a(x));
        }
        return concat(new byte[] {(byte) 130, 0, 0, 0}, u16(code), u16(0), a(group),
                new byte[] {(byte) flags, (byte) qqic}, u16(sources.length), s);
    }

    /** An MLDv2 group record: type, aux length 0, sources, group, sources. */
    static byte[] mldRecord(int type, String group, String... sources) {
        byte[] r = concat(new byte[] {(byte) type, 0}, u16(sources.length), a(group));
        for (String x : sources) {
            r = concat(r, a(x));
        }
        return r;
    }

    static byte[] mldV2Report(int count, byte[]... records) {
        return concat(new byte[] {(byte) 143, 0, 0, 0, 0, 0}, u16(count), concat(records));
    }

    static List<Inet4Address> v4s(String... a) {
        return Arrays.stream(a).map(SniffFrames::v4).toList();
    }

    static IgmpMessage.GroupRecord record(int type, String group, String... sources) {
        return new IgmpMessage.GroupRecord(type, v4(group), v4s(sources), new byte[0]);
    }

    /** A frame and the length it had on the wire (more than the captured bytes when the capture cut it). */
    record Captured(byte[] frame, int wire) {
        Captured(byte[] frame) {
            this(frame, frame.length);
        }

        static Captured cut(byte[] frame, int keep) {
            return new Captured(Arrays.copyOf(frame, keep), frame.length);
        }
    }

    Path pcap(String name, Captured... frames) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p);
             PcapFileWriter w = new PcapFileWriter(out, LinkType.EN10MB, 262144, false)) {
            long t = 1_700_000_000_000_000_000L;
            for (Captured c : frames) {
                w.write(new CapturedFrame(t, LinkType.EN10MB, c.wire(), c.frame()));
                t += 1_000_000_000L;
            }
        }
        String keep = System.getProperty("netkit.test.keep");
        if (keep != null) {
            Files.copy(p, Path.of(keep, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    Path igmpFile() throws IOException {
        byte[] v3report = new IgmpMessage.Version3Report(List.of(record(4, "239.1.2.4", "198.18.1.10"),
                record(2, "239.1.2.5", "198.18.1.10", "198.18.1.11"), record(6, "239.1.2.8", "1.2.3.5"),
                record(1, "239.1.2.3"))).toBytes();
        byte[] v3query = new IgmpMessage.Query(3, 20, v4("239.1.2.3"), false, 2, 125,
                v4s("198.18.1.10", "198.18.1.11")).toBytes();
        byte[] tooFewRecords = v3report.clone();
        tooFewRecords[7] = 9; // says 9 records, holds 4
        byte[] badSum = new IgmpMessage.MembershipReport(2, v4("239.1.2.3")).toBytes();
        badSum[2] ^= 0x12;
        byte[] mtrace = concat(new byte[] {0x1f, 0, 0, 0}, new byte[4], a("198.18.1.10"), a("198.18.10.10"),
                a("224.0.1.32"), new byte[] {64, 0, 0, 7});
        int sum = Checksum.finish(Checksum.sum(mtrace, 0, mtrace.length));
        mtrace[2] = (byte) (sum >> 8);
        mtrace[3] = (byte) sum;
        return pcap("igmp.pcap",
                new Captured(igmpFrame("224.0.0.1", new IgmpMessage.Query(1, 0, v4("0.0.0.0"), false, 0, 0, List.of()).toBytes())),
                new Captured(igmpFrame("239.1.2.3", new IgmpMessage.Query(2, 10, v4("239.1.2.3"), false, 0, 0, List.of()).toBytes())),
                new Captured(igmpFrame("239.1.2.3", new IgmpMessage.MembershipReport(1, v4("239.1.2.3")).toBytes())),
                new Captured(igmpFrame("239.1.2.3", new IgmpMessage.MembershipReport(2, v4("239.1.2.3")).toBytes())),
                new Captured(igmpFrame("224.0.0.2", new IgmpMessage.Leave(v4("239.1.2.3")).toBytes())),
                new Captured(igmpFrame("224.0.0.1", new IgmpMessage.Query(3, 200, v4("0.0.0.0"), false, 2, 125, List.of()).toBytes())),
                new Captured(igmpFrame("239.1.2.3", v3query)),
                new Captured(igmpFrame("224.0.0.22", v3report)),
                new Captured(igmpFrame("224.0.0.22", tooFewRecords)),
                new Captured(igmpFrame("224.0.0.22", badSum)),
                new Captured(igmpFrame("224.0.0.1", mtrace)),
                Captured.cut(igmpFrame("224.0.0.22", v3report), 14 + 24 + 22),
                Captured.cut(igmpFrame("224.0.0.1", new IgmpMessage.Query(2, 100, v4("0.0.0.0"), false, 0, 0, List.of()).toBytes()), 14 + 24 + 6));
    }

    Path mldFile() throws IOException {
        byte[] report = mldV2Report(2, mldRecord(4, "ff02::1:ff01:c"), mldRecord(4, "ff02::1:ff00:a"));
        byte[] withSources = mldV2Report(2, mldRecord(1, "ff05::1:3", "2001:db8:1::10", "2001:db8:1::11"),
                mldRecord(3, "ff05::2"));
        return pcap("mld.pcap",
                new Captured(mldFrame("ff02::1", mldV1(130, 10000, "::"))),
                new Captured(mldFrame("ff02::1:ff00:1", mldV1(131, 0, "ff02::1:ff00:1"))),
                new Captured(mldFrame("ff02::2", mldV1(132, 0, "ff02::1:ff00:1"))),
                new Captured(mldFrame("ff02::1", mldV2Query(10000, "::", 2, 125))),
                new Captured(mldFrame("ff05::1:3", mldV2Query(40000, "ff05::1:3", 0x0f, 200, "2001:db8:1::10", "2001:db8:1::11"))),
                new Captured(mldFrame("ff02::16", report)),
                new Captured(mldFrame("ff02::16", withSources)),
                new Captured(mldFrame("ff02::16", mldV2Report(3, mldRecord(4, "ff02::1:ff01:c")))),
                new Captured(mldFrame("ff02::16", Arrays.copyOf(report, 6))),
                Captured.cut(mldFrame("ff02::1", mldV2Query(10000, "::", 2, 125)), 14 + 48 + 12));
    }

    /** netkit's lines. */
    static String sniff(Path file, String... verbose) {
        List<String> args = new java.util.ArrayList<>(List.of("sniff", "-tt", "-n"));
        args.addAll(List.of(verbose));
        args.addAll(List.of("-r", file.toString()));
        SniffTest.Result r = SniffTest.run(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, r.code(), r.err());
        return r.out();
    }

    @Test
    void igmpLikeTcpdump() throws IOException {
        Path p = igmpFile();
        assertEquals(IGMP, sniff(p));
        assertEquals(IGMP_V, sniff(p, "-v"));
        assertEquals(IGMP_VV, sniff(p, "-vv"));
    }

    @Test
    void mldLikeTcpdump() throws IOException {
        Path p = mldFile();
        assertEquals(MLD, sniff(p));
        assertEquals(MLD_V, sniff(p, "-v"));
        assertEquals(MLD_VV, sniff(p, "-vv"));
    }

    /** A neighbour advertisement without hop-by-hop header, as r1 answers the client. */
    static byte[] neighborAdvertisementFrame() {
        byte[] na = concat(new byte[] {(byte) 136, 0, 0, 0, 0x60, 0, 0, 0}, a("2001:db8:1::1"),
                new byte[] {2, 1, 2, 0x6e, 0x6b, 1, 0, 1});
        int sum = Checksum.finish(Checksum.sum(na, 0, na.length)
                + PseudoHeader.v6(v6("2001:db8:1::1"), v6("2001:db8:1::10")).sum(58, na.length));
        na[2] = (byte) (sum >> 8);
        na[3] = (byte) sum;
        byte[] ip = new byte[40];
        ip[0] = 0x60;
        ip[5] = (byte) na.length;
        ip[6] = 58;
        ip[7] = (byte) 255;
        System.arraycopy(a("2001:db8:1::1"), 0, ip, 8, 16);
        System.arraycopy(a("2001:db8:1::10"), 0, ip, 24, 16);
        return concat(ethernet("02:6e:6b:01:00:0a", 0x86dd), ip, na);
    }

    /** A router advertisement from r1 with RFC 8106 DNS options: recursive servers and a search list. */
    static byte[] routerAdvertisementFrame() {
        byte[] rdnss = concat(new byte[] {25, 5, 0, 0, 0, 0, 0, 5}, a("2001:db8:10::53"), a("2001:db8:10::54"));
        byte[] names = concat(new byte[] {6}, "netkit".getBytes(), new byte[] {4}, "test".getBytes(), new byte[] {0, 3},
                "lab".getBytes(), new byte[] {0});
        byte[] dnssl = concat(new byte[] {31, 4, 0, 0, 0, 0, 0, 5}, names, new byte[32 - 8 - names.length]);
        byte[] ra = concat(new byte[] {(byte) 134, 0, 0, 0, 64, 0, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0}, rdnss, dnssl);
        int sum = Checksum.finish(Checksum.sum(ra, 0, ra.length)
                + PseudoHeader.v6(v6("fe80::1"), v6("ff02::1")).sum(58, ra.length));
        ra[2] = (byte) (sum >> 8);
        ra[3] = (byte) sum;
        byte[] ip = new byte[40];
        ip[0] = 0x60;
        ip[5] = (byte) ra.length;
        ip[6] = 58;
        ip[7] = (byte) 255;
        System.arraycopy(a("fe80::1"), 0, ip, 8, 16);
        System.arraycopy(a("ff02::1"), 0, ip, 24, 16);
        return concat(ethernet("33:33:00:00:00:01", 0x86dd), ip, ra);
    }

    @Test
    void routerAdvertisementDnsOptionsLikeTcpdumpV() throws IOException {
        Path p = pcap("ra.pcap", new Captured(routerAdvertisementFrame()));
        assertEquals(RA_V, sniff(p, "-v"));
    }

    @Test
    void neighborAdvertisementOptionLikeTcpdumpV() throws IOException {
        Path p = pcap("na.pcap", new Captured(neighborAdvertisementFrame()));
        assertEquals(NA_V, sniff(p, "-v"));
    }

    @Test
    void igmpInJsonFieldViewAndStats() throws IOException {
        Path p = igmpFile();
        List<String> json = SniffTest.run("sniff", "--json", "-r", p.toString()).out().lines().toList();
        assertTrue(json.get(1).endsWith(",\"igmp\":{\"type\":17,\"version\":2,\"group\":\"239.1.2.3\","
                + "\"max_resp_time\":1.0}}"), json.get(1));
        assertTrue(json.get(6).endsWith(",\"igmp\":{\"type\":17,\"version\":3,\"group\":\"239.1.2.3\","
                + "\"max_resp_time\":2.0,\"suppress\":false,\"robustness\":2,\"query_interval\":125,"
                + "\"sources\":[\"198.18.1.10\",\"198.18.1.11\"]}}"), json.get(6));
        assertTrue(json.get(7).endsWith(",\"igmp\":{\"type\":34,\"version\":3,\"records\":["
                + "{\"type\":4,\"group\":\"239.1.2.4\",\"sources\":[\"198.18.1.10\"]},"
                + "{\"type\":2,\"group\":\"239.1.2.5\",\"sources\":[\"198.18.1.10\",\"198.18.1.11\"]},"
                + "{\"type\":6,\"group\":\"239.1.2.8\",\"sources\":[\"1.2.3.5\"]},"
                + "{\"type\":1,\"group\":\"239.1.2.3\",\"sources\":[]}]}}"), json.get(7));
        assertTrue(json.get(4).endsWith(",\"igmp\":{\"type\":23,\"version\":2,\"group\":\"239.1.2.3\"}}"),
                json.get(4));

        String fields = SniffTest.run("sniff", "-n", "--fields", "-r", p.toString()).out();
        assertTrue(fields.contains("  IGMP, 20 bytes at offset 38"), fields);
        assertTrue(fields.contains("    39      max response code                 00010100                20 (max response time 2.0 s)"), fields);
        assertTrue(fields.contains("    62      multicast address                 4 bytes                 239.1.2.5"), fields);
        assertTrue(fields.contains("    46      record type                       00000100                4 (CHANGE_TO_EXCLUDE_MODE)"), fields);

        String stats = SniffTest.run("sniff", "-n", "--stats", "-r", p.toString()).out();
        assertTrue(stats.contains("      igmp                  frames:12 "), stats);
    }

    @Test
    void mldInJsonAndFieldView() throws IOException {
        Path p = mldFile();
        List<String> json = SniffTest.run("sniff", "--json", "-r", p.toString()).out().lines().toList();
        assertTrue(json.get(1).endsWith(",\"icmp6\":{\"type\":131,\"code\":0,\"version\":1,"
                + "\"group\":\"ff02::1:ff00:1\"}}"), json.get(1));
        assertTrue(json.get(4).endsWith(",\"icmp6\":{\"type\":130,\"code\":0,\"version\":2,\"group\":\"ff05::1:3\","
                + "\"max_resp_delay\":115712,\"suppress\":true,\"robustness\":7,\"query_interval\":3072,"
                + "\"sources\":[\"2001:db8:1::10\",\"2001:db8:1::11\"]}}"), json.get(4));
        assertTrue(json.get(5).endsWith(",\"icmp6\":{\"type\":143,\"code\":0,\"version\":2,\"records\":["
                + "{\"type\":4,\"group\":\"ff02::1:ff01:c\",\"sources\":[]},"
                + "{\"type\":4,\"group\":\"ff02::1:ff00:a\",\"sources\":[]}]}}"), json.get(5));
        String fields = SniffTest.run("sniff", "-n", "--fields", "-c", "6", "-r", p.toString()).out();
        assertTrue(fields.contains("    74      multicast address                 16 bytes                ff02::1:ff01:c"), fields);
        assertTrue(fields.contains("    70      record type                       00000100                4 (CHANGE_TO_EXCLUDE_MODE)"), fields);
    }

    static final String RA_V = """
            1700000000.000000 IP6 (hlim 255, next-header ICMPv6 (58), payload length 88) fe80::1 > ff02::1: \
            [icmp6 sum ok] ICMP6, router advertisement, length 88
            \thop limit 64, Flags [none], pref medium, router lifetime 1800s, reachable time 0ms, retrans timer 0ms
            \t  rdnss option (25), length 40 (5):  lifetime 5s, addr: 2001:db8:10::53 addr: 2001:db8:10::54
            \t  dnssl option (31), length 32 (4):  lifetime 5s, domain(s): netkit.test. lab.
            """;
    static final String NA_V = """
            1700000000.000000 IP6 (hlim 255, next-header ICMPv6 (58), payload length 32) 2001:db8:1::1 > 2001:db8:1::10: \
            [icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is 2001:db8:1::1, Flags [solicited, override]
            \t  destination link-address option (2), length 8 (1): 02:6e:6b:01:00:01
            """;
    static final String IGMP = """
            1700000000.000000 IP 198.18.1.1 > 224.0.0.1: igmp query v1
            1700000001.000000 IP 198.18.1.1 > 239.1.2.3: igmp query v2 [max resp time 10] [gaddr 239.1.2.3]
            1700000002.000000 IP 198.18.1.1 > 239.1.2.3: igmp v1 report 239.1.2.3
            1700000003.000000 IP 198.18.1.1 > 239.1.2.3: igmp v2 report 239.1.2.3
            1700000004.000000 IP 198.18.1.1 > 224.0.0.2: igmp leave 239.1.2.3
            1700000005.000000 IP 198.18.1.1 > 224.0.0.1: igmp query v3 [max resp time 5m7s]
            1700000006.000000 IP 198.18.1.1 > 239.1.2.3: igmp query v3 [max resp time 2.0s] [gaddr 239.1.2.3, 2 source(s)]
            1700000007.000000 IP 198.18.1.1 > 224.0.0.22: igmp v3 report, 4 group record(s)
            1700000008.000000 IP 198.18.1.1 > 224.0.0.22: igmp v3 report, 9 group record(s)
            1700000009.000000 IP 198.18.1.1 > 224.0.0.22: igmp v2 report 239.1.2.3
            1700000010.000000 IP 198.18.1.1 > 224.0.0.1: mtrace 7: 198.18.1.10 to 198.18.10.10 reply-to 224.0.1.32 with-ttl 64
            1700000011.000000 IP 198.18.1.1 > 224.0.0.22: igmp v3 report, 4 group record(s)
            1700000012.000000 IP 198.18.1.1 > 224.0.0.1: igmp query v2 [|igmp]
            """;
    static final String IGMP_V = """
            1700000000.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.1: igmp query v1
            1700000001.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 239.1.2.3: igmp query v2 [max resp time 10] [gaddr 239.1.2.3]
            1700000002.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 239.1.2.3: igmp v1 report 239.1.2.3
            1700000003.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 239.1.2.3: igmp v2 report 239.1.2.3
            1700000004.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.2: igmp leave 239.1.2.3
            1700000005.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 36, options (RA))
                198.18.1.1 > 224.0.0.1: igmp query v3 [max resp time 5m7s]
            1700000006.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 44, options (RA))
                198.18.1.1 > 239.1.2.3: igmp query v3 [max resp time 2.0s] [gaddr 239.1.2.3, 2 source(s)]
            1700000007.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 80, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v3 report, 4 group record(s) [gaddr 239.1.2.4 to_ex, 1 source(s)] [gaddr 239.1.2.5 is_ex, 2 source(s)] [gaddr 239.1.2.8 block, 1 source(s)] [gaddr 239.1.2.3 is_in, 0 source(s)]
            1700000008.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 80, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v3 report, 9 group record(s) [gaddr 239.1.2.4 to_ex, 1 source(s)] [gaddr 239.1.2.5 is_ex, 2 source(s)] [gaddr 239.1.2.8 block, 1 source(s)] [gaddr 239.1.2.3 is_in, 0 source(s)] [invalid number of groups] bad igmp cksum b37d!
            1700000009.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v2 report 239.1.2.3 bad igmp cksum eafa!
            1700000010.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 48, options (RA))
                198.18.1.1 > 224.0.0.1: mtrace 7: 198.18.1.10 to 198.18.10.10 reply-to 224.0.1.32 with-ttl 64
            1700000011.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 80, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v3 report, 4 group record(s) [gaddr 239.1.2.4 to_ex, 1 source(s)] [|igmp]
            1700000012.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.1: igmp query v2 [|igmp]
            """;
    static final String IGMP_VV = """
            1700000000.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.1: igmp query v1
            1700000001.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 239.1.2.3: igmp query v2 [max resp time 10] [gaddr 239.1.2.3]
            1700000002.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 239.1.2.3: igmp v1 report 239.1.2.3
            1700000003.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 239.1.2.3: igmp v2 report 239.1.2.3
            1700000004.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.2: igmp leave 239.1.2.3
            1700000005.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 36, options (RA))
                198.18.1.1 > 224.0.0.1: igmp query v3 [max resp time 5m7s]
            1700000006.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 44, options (RA))
                198.18.1.1 > 239.1.2.3: igmp query v3 [max resp time 2.0s] [gaddr 239.1.2.3 { 198.18.1.10 198.18.1.11 }]
            1700000007.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 80, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v3 report, 4 group record(s) [gaddr 239.1.2.4 to_ex { 198.18.1.10 }] [gaddr 239.1.2.5 is_ex { 198.18.1.10 198.18.1.11 }] [gaddr 239.1.2.8 block { 1.2.3.5 }] [gaddr 239.1.2.3 is_in { }]
            1700000008.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 80, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v3 report, 9 group record(s) [gaddr 239.1.2.4 to_ex { 198.18.1.10 }] [gaddr 239.1.2.5 is_ex { 198.18.1.10 198.18.1.11 }] [gaddr 239.1.2.8 block { 1.2.3.5 }] [gaddr 239.1.2.3 is_in { }] [invalid number of groups] bad igmp cksum b37d!
            1700000009.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v2 report 239.1.2.3 bad igmp cksum eafa!
            1700000010.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 48, options (RA))
                198.18.1.1 > 224.0.0.1: mtrace 7: 198.18.1.10 to 198.18.10.10 reply-to 224.0.1.32 with-ttl 64
            1700000011.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 80, options (RA))
                198.18.1.1 > 224.0.0.22: igmp v3 report, 4 group record(s) [gaddr 239.1.2.4 to_ex { 198.18.1.10 }] [|igmp]
            1700000012.000000 IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
                198.18.1.1 > 224.0.0.1: igmp query v2 [|igmp]
            """;
    static final String MLD = """
            1700000000.000000 IP6 fe80::6e:6bff:fe01:c > ff02::1: HBH ICMP6, multicast listener querymax resp delay: 10000 addr: ::, length 24
            1700000001.000000 IP6 fe80::6e:6bff:fe01:c > ff02::1:ff00:1: HBH ICMP6, multicast listener reportmax resp delay: 0 addr: ff02::1:ff00:1, length 24
            1700000002.000000 IP6 fe80::6e:6bff:fe01:c > ff02::2: HBH ICMP6, multicast listener donemax resp delay: 0 addr: ff02::1:ff00:1, length 24
            1700000003.000000 IP6 fe80::6e:6bff:fe01:c > ff02::1: HBH ICMP6, multicast listener query v2 [gaddr ::], length 28
            1700000004.000000 IP6 fe80::6e:6bff:fe01:c > ff05::1:3: HBH ICMP6, multicast listener query v2 [gaddr ff05::1:3, 2 source(s)], length 60
            1700000005.000000 IP6 fe80::6e:6bff:fe01:c > ff02::16: HBH ICMP6, multicast listener report v2, 2 group record(s), length 48
            1700000006.000000 IP6 fe80::6e:6bff:fe01:c > ff02::16: HBH ICMP6, multicast listener report v2, 2 group record(s), length 80
            1700000007.000000 IP6 fe80::6e:6bff:fe01:c > ff02::16: HBH ICMP6, multicast listener report v2, 3 group record(s), length 28
            1700000008.000000 IP6 fe80::6e:6bff:fe01:c > ff02::16: HBH ICMP6, multicast listener report v2 [invalid len 6], length 6
            1700000009.000000 IP6 fe80::6e:6bff:fe01:c > ff02::1: HBH ICMP6, multicast listener query v2 [|icmp6]
            """;
    static final String MLD_V = """
            1700000000.000000 IP6 (hlim 1, next-header HBH (0), payload length 32) fe80::6e:6bff:fe01:c > ff02::1: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener querymax resp delay: 10000 addr: ::
            1700000001.000000 IP6 (hlim 1, next-header HBH (0), payload length 32) fe80::6e:6bff:fe01:c > ff02::1:ff00:1: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener reportmax resp delay: 0 addr: ff02::1:ff00:1
            1700000002.000000 IP6 (hlim 1, next-header HBH (0), payload length 32) fe80::6e:6bff:fe01:c > ff02::2: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener donemax resp delay: 0 addr: ff02::1:ff00:1
            1700000003.000000 IP6 (hlim 1, next-header HBH (0), payload length 36) fe80::6e:6bff:fe01:c > ff02::1: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener query v2 [max resp delay=10000] [gaddr :: robustness=2 qqi=125]
            1700000004.000000 IP6 (hlim 1, next-header HBH (0), payload length 68) fe80::6e:6bff:fe01:c > ff05::1:3: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener query v2 [max resp delay=115712] [gaddr ff05::1:3 sflag robustness=7 qqi=3072, 2 source(s)]
            1700000005.000000 IP6 (hlim 1, next-header HBH (0), payload length 56) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 2 group record(s) [gaddr ff02::1:ff01:c to_ex, 0 source(s)] [gaddr ff02::1:ff00:a to_ex, 0 source(s)]
            1700000006.000000 IP6 (hlim 1, next-header HBH (0), payload length 88) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 2 group record(s) [gaddr ff05::1:3 is_in, 2 source(s)] [gaddr ff05::2 to_in, 0 source(s)]
            1700000007.000000 IP6 (hlim 1, next-header HBH (0), payload length 36) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 3 group record(s) [gaddr ff02::1:ff01:c to_ex, 0 source(s)] [invalid number of groups]
            1700000008.000000 IP6 (hlim 1, next-header HBH (0), payload length 14) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2 [invalid len 6]
            1700000009.000000 IP6 (hlim 1, next-header HBH (0), payload length 36) fe80::6e:6bff:fe01:c > ff02::1: HBH (rtalert: 0x0000) (padn) ICMP6, multicast listener query v2 [max resp delay=10000] [|icmp6]
            """;
    static final String MLD_VV = """
            1700000000.000000 IP6 (hlim 1, next-header HBH (0), payload length 32) fe80::6e:6bff:fe01:c > ff02::1: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener querymax resp delay: 10000 addr: ::
            1700000001.000000 IP6 (hlim 1, next-header HBH (0), payload length 32) fe80::6e:6bff:fe01:c > ff02::1:ff00:1: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener reportmax resp delay: 0 addr: ff02::1:ff00:1
            1700000002.000000 IP6 (hlim 1, next-header HBH (0), payload length 32) fe80::6e:6bff:fe01:c > ff02::2: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener donemax resp delay: 0 addr: ff02::1:ff00:1
            1700000003.000000 IP6 (hlim 1, next-header HBH (0), payload length 36) fe80::6e:6bff:fe01:c > ff02::1: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener query v2 [max resp delay=10000] [gaddr :: robustness=2 qqi=125]
            1700000004.000000 IP6 (hlim 1, next-header HBH (0), payload length 68) fe80::6e:6bff:fe01:c > ff05::1:3: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener query v2 [max resp delay=115712] [gaddr ff05::1:3 sflag robustness=7 qqi=3072 { 2001:db8:1::10 2001:db8:1::11 }]
            1700000005.000000 IP6 (hlim 1, next-header HBH (0), payload length 56) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 2 group record(s) [gaddr ff02::1:ff01:c to_ex { }] [gaddr ff02::1:ff00:a to_ex { }]
            1700000006.000000 IP6 (hlim 1, next-header HBH (0), payload length 88) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 2 group record(s) [gaddr ff05::1:3 is_in { 2001:db8:1::10 2001:db8:1::11 }] [gaddr ff05::2 to_in { }]
            1700000007.000000 IP6 (hlim 1, next-header HBH (0), payload length 36) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 3 group record(s) [gaddr ff02::1:ff01:c to_ex { }] [invalid number of groups]
            1700000008.000000 IP6 (hlim 1, next-header HBH (0), payload length 14) fe80::6e:6bff:fe01:c > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2 [invalid len 6]
            1700000009.000000 IP6 (hlim 1, next-header HBH (0), payload length 36) fe80::6e:6bff:fe01:c > ff02::1: HBH (rtalert: 0x0000) (padn) ICMP6, multicast listener query v2 [max resp delay=10000] [|icmp6]
            """;
}
