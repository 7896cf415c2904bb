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

/**
 * The printers of an ordinary LAN's protocols (issue #15) on hand-built frames, each compared with tcpdump run on
 * the same file; the expected text is also written out, so a reader sees what tcpdump prints.
 */
class SniffLanProtocolsTest {
    @TempDir
    Path dir;

    /** netkit's and tcpdump's text for the frames at -tt -n and the given options; asserts they are equal. */
    String sameAsTcpdump(Path pcap, String... opts) throws Exception {
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
        assertEquals(SniffFirstHourTest.tcpdump(peer).out(), r.out());
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
}
