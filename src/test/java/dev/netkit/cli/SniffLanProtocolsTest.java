package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printers of an ordinary LAN's protocols (issue #15) on hand-built frames, each compared with tcpdump run on
 * the same file; the expected text is also written out, so a reader sees what tcpdump prints.
 */
class SniffLanProtocolsTest {
    @TempDir
    Path dir;

    /** netkit's and tcpdump's text for the frames at -tt -n and the given options; asserts they are equal. */
    static String sameAsTcpdump(Path pcap, String... opts) throws Exception {
        return sameAsTcpdump(pcap, t -> t, opts);
    }

    /** The same, with {@code older} applied to tcpdump's text where Debian's tcpdump predates 4.99.5's wording. */
    static String sameAsTcpdump(Path pcap, java.util.function.UnaryOperator<String> older, String... opts)
            throws Exception {
        String[] args = new String[opts.length + 5];
        args[0] = "sniff";
        args[1] = "-tt";
        args[2] = "-n";
        System.arraycopy(opts, 0, args, 3, opts.length);
        args[opts.length + 3] = "-r";
        args[opts.length + 4] = pcap.toString();
        SniffTest.Result r = SniffTest.run(args);
        assertEquals(ExitCode.OK, r.code(), r.err());
        String[] peer = Arrays.copyOfRange(args, 1, args.length);
        assertEquals(older.apply(SniffFirstHourTest.tcpdump(peer).out()), r.out());
        return r.out();
    }

    /** The frames in a pcap file, one a second; the last cut to {@code snap} bytes as a snapshot length cuts. */
    static Path snapped(Path p, int snap, byte[]... frames) throws java.io.IOException {
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(p);
             PcapFileWriter w = new PcapFileWriter(out, LinkType.EN10MB, 262144, false)) {
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < frames.length; i++) {
                byte[] f = frames[i];
                byte[] kept = i == frames.length - 1 ? Arrays.copyOf(f, Math.min(snap, f.length)) : f;
                w.write(new CapturedFrame(t, LinkType.EN10MB, f.length, kept));
                t += 1_000_000_000L;
            }
        }
        return p;
    }

    static byte[] udp(String src, String dst, int sport, int dport, byte[] payload) {
        return PacketBuilder.ethernet(SniffFrames.CLIENT, SniffFrames.R1)
                .ipv4(SniffFrames.v4(src), SniffFrames.v4(dst)).identification(1).udp(sport, dport, payload).build();
    }

    /** A DHCP Discover from 02:00:00:00:01:0a: message type, client id, hostname, parameter list, then the end. */
    static byte[] dhcpDiscover() {
        byte[] m = new byte[300];
        m[0] = 1;
        m[1] = 1;
        m[2] = 6;
        m[4] = 0x12;
        m[5] = 0x34;
        m[6] = 0x56;
        m[7] = 0x78;
        m[10] = (byte) 0x80;
        System.arraycopy(SniffFrames.CLIENT.octets(), 0, m, 28, 6);
        byte[] options = HexFormat.of().parseHex("63825363" + "350101" + "3d070102000000010a"
                + "0c036c6162" + "3704010306 0f".replace(" ", "") + "79" + "ff");
        // 0x79 above is an option without its length byte, cut by the end option: tcpdump reads 0xff as its length
        System.arraycopy(options, 0, m, 236, options.length);
        return m;
    }

    @Test
    void dhcpLikeTcpdump() throws Exception {
        byte[] discover = udp("0.0.0.0", "255.255.255.255", 68, 67, dhcpDiscover());
        Path p = snapped(dir.resolve("dhcp.pcap"), 14 + 20 + 8 + 250, discover, discover);
        assertEquals("""
                1700000000.000000 IP 0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:01:0a, \
                length 300
                1700000001.000000 IP 0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:01:0a, \
                length 300
                """, sameAsTcpdump(p));
        assertEquals("""
                1700000000.000000 IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 328)
                    0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:01:0a, length 300, \
                xid 0x12345678, Flags [Broadcast]
                	  Client-Ethernet-Address 02:00:00:00:01:0a
                	  Vendor-rfc1048 Extensions
                	    Magic Cookie 0x63825363
                	    DHCP-Message (53), length 1: Discover
                	    Client-ID (61), length 7: ether 02:00:00:00:01:0a
                	    Hostname (12), length 3: "lab"
                	    Parameter-Request (55), length 4: \n\
                	      Subnet-Mask (1), Default-Gateway (3), Domain-Name-Server (6), Domain-Name (15)
                	    Classless-Static-Route (121), length 255:  [|bootp]
                1700000001.000000 IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 328)
                    0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:01:0a, length 300, \
                xid 0x12345678, Flags [Broadcast]
                	  Client-Ethernet-Address 02:00:00:00:01:0a
                	  Vendor-rfc1048 Extensions
                	    Magic Cookie 0x63825363
                	    DHCP-Message (53), length 1: Discover
                	    Client-ID (61), length 7:  [|bootp]
                """, sameAsTcpdump(p, "-v"));
    }

    static byte[] tcp(int flags, long ack, TcpOption... options) {
        TcpHeader h = new TcpHeader(40000, 80, 1000, ack, flags, 65535, 0, 0, List.of(options));
        return PacketBuilder.ethernet(SniffFrames.CLIENT, SniffFrames.R1)
                .ipv4(SniffFrames.v4("198.18.1.10"), SniffFrames.v4("198.18.10.10")).identification(2)
                .tcp(h, new byte[0]).build();
    }

    static TcpOption.Unknown option(int kind, String hex) {
        return new TcpOption.Unknown(kind, HexFormat.of().parseHex(hex));
    }

    /** MPTCP (RFC 8684), TCP Fast Open (RFC 7413) and its experimental form, and a malformed DSS. */
    @Test
    void mptcpAndFastOpenOptionsLikeTcpdump() throws Exception {
        Path p = SniffFrames.pcap(dir, "mptcp.pcap",
                tcp(TcpHeader.SYN, 0, option(30, "0181" + "0102030405060708")),
                tcp(TcpHeader.ACK, 1, option(30, "2001" + "00000007")),
                tcp(TcpHeader.ACK, 1, option(30, "3004" + "c6120a0a" + "1f90")),
                tcp(TcpHeader.SYN, 0, option(34, ""), option(254, "f989" + "0909090900")),
                tcp(TcpHeader.SYN, 0, option(30, "20")),
                tcp(TcpHeader.SYN, 0, new TcpOption.MaximumSegmentSize(1460), option(30, "20")));
        assertEquals("""
                1700000000.000000 IP 198.18.1.10.40000 > 198.18.10.10.80: Flags [S], seq 1000, win 65535, \
                options [mptcp 12 capable v1 csum {0x102030405060708}], length 0
                1700000001.000000 IP 198.18.1.10.40000 > 198.18.10.10.80: Flags [.], ack 1, win 65535, \
                options [mptcp 8 dss ack 7], length 0
                1700000002.000000 IP 198.18.1.10.40000 > 198.18.10.10.80: Flags [.], ack 1, win 65535, \
                options [mptcp 10 add-addr v1 id 4 198.18.10.10:8080,eol], length 0
                1700000003.000000 IP 198.18.1.10.40000 > 198.18.10.10.80: Flags [S], seq 1000, win 65535, \
                options [tfo  cookiereq,exp-tfo (invalid),eol], length 0
                1700000004.000000 IP 198.18.1.10.40000 > 198.18.10.10.80: Flags [S], seq 1000, win 65535, \
                options [mptcp 3 dss[bad opt]
                1700000005.000000 IP 198.18.1.10.40000 > 198.18.10.10.80: Flags [S], seq 1000, win 65535, \
                options [mss 1460,mptcp 3 dss[bad opt]]
                """, sameAsTcpdump(p));
    }

    /** An NTPv4 client request and server reply (RFC 5905), and a control message cut by the capture. */
    @Test
    void ntpLikeTcpdump() throws Exception {
        byte[] request = new byte[48];
        request[0] = 0x23; // leap 0, version 4, client
        System.arraycopy(HexFormat.of().parseHex("dd4a6a1e7a3a2e00"), 0, request, 40, 8);
        byte[] reply = HexFormat.of().parseHex("240206e8" + "00000015" + "0000093d" + "84c707c9"
                + "dd4a66ba5676b000" + "dd4a6a1e7a3a2e00" + "dd4a6a1e7c43a1e8" + "dd4a6a1e7c4ec3b2");
        byte[] control = HexFormat.of().parseHex("1602004400000000000000200000");
        Path p = snapped(dir.resolve("ntp.pcap"), 14 + 20 + 8 + 10,
                udp("198.18.1.10", "198.18.10.123", 40123, 123, request),
                udp("198.18.10.123", "198.18.1.10", 123, 40123, reply),
                udp("198.18.1.10", "198.18.10.123", 40124, 123, control));
        assertEquals("""
                1700000000.000000 IP 198.18.1.10.40123 > 198.18.10.123.123: NTPv4, Client, length 48
                1700000001.000000 IP 198.18.10.123.123 > 198.18.1.10.40123: NTPv4, Server, length 48
                1700000002.000000 IP 198.18.1.10.40124 > 198.18.10.123.123: NTPv2, Control Message, length 14
                """, sameAsTcpdump(p));
        // tcpdump 4.99.5 renamed "Originator Timestamp: " (Debian 12's 4.99.3) to "Origin Timestamp:     "
        String v = sameAsTcpdump(p, t -> t.replace("Originator Timestamp: ", "Origin Timestamp:     "), "-v");
        assertTrue(v.contains("\n\t  Origin Timestamp:     3712641566.477450251 (2017-08-25T09:19:26Z)\n"), v);
        assertTrue(v.contains("\tLeap indicator:  (0), Stratum 2 (secondary reference), poll 6 (64s), precision -24\n"
                + "\tRoot Delay: 0.000320, Root dispersion: 0.036087, Reference-ID: 0x84c707c9\n"), v);
        assertTrue(v.contains("\tLeap indicator:  (0), Request, OK, Last, OpCode=2\n\tSequence=68, Status=0, "
                + "Assoc.=0, Offset=0 [|ntp]"), v);
    }

    /** Syslog over UDP (RFC 3164): priority 13 is user.notice; a control byte in the message; no priority. */
    @Test
    void syslogLikeTcpdump() throws Exception {
        byte[] message = "<13>Dec  7 12:00:00 lab: disk full\u0007".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] bare = "no priority".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path p = SniffFrames.pcap(dir, "syslog.pcap", udp("198.18.1.10", "198.18.10.5", 40514, 514, message),
                udp("198.18.1.10", "198.18.10.5", 40514, 514, bare));
        assertEquals("""
                1700000000.000000 IP 198.18.1.10.40514 > 198.18.10.5.514: SYSLOG user.notice, length: 35
                1700000001.000000 IP 198.18.1.10.40514 > 198.18.10.5.514:  (invalid)
                """, sameAsTcpdump(p));
        assertTrue(sameAsTcpdump(p, "-v").contains("""
                SYSLOG, length: 35
                	Facility user (1), Severity notice (5)
                	Msg: Dec  7 12:00:00 lab: disk full^G
                """), "syslog -v");
    }

    /** IPv4 total length 0: captured before TCP segmentation offload split the send (tcpdump's presumed TSO). */
    @Test
    void totalLengthZeroIsPresumedTso() throws Exception {
        byte[] f = PacketBuilder.ethernet(SniffFrames.CLIENT, SniffFrames.R1)
                .ipv4(SniffFrames.v4("198.18.1.10"), SniffFrames.v4("198.18.10.10")).identification(3)
                .tcp(new TcpHeader(40000, 80, 1000, 1, TcpHeader.ACK | TcpHeader.PSH, 512, 0, 0, List.of()),
                        new byte[3000]).build();
        f[14 + 2] = 0;
        f[14 + 3] = 0;
        Path p = SniffFrames.pcap(dir, "tso.pcap", f);
        // tcpdump 4.99.5 and later (the suite's ipv4_tcp_http_xml_tso.out); Debian 12's 4.99.3 says "IP bad-len 0".
        // A payload of zeros is no HTTP text: tcpdump names the port's protocol and prints nothing of it.
        SniffTest.Result r = SniffTest.run("sniff", "-tt", "-n", "-v", "-r", p.toString());
        assertEquals("""
                1700000000.000000 IP (tos 0x0, ttl 64, id 3, offset 0, flags [none], proto TCP (6), length 3040 \
                [was 0, presumed TSO], bad cksum d7dc (->e3bc)!)
                    198.18.1.10.40000 > 198.18.10.10.80: Flags [P.], cksum 0x6a62 (correct), seq 1000:4000, ack 1, \
                win 512, length 3000: HTTP
                """, r.out());
    }
}
