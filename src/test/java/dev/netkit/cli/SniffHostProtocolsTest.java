package dev.netkit.cli;

import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Icmpv6Type;
import dev.netkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HexFormat;

import static dev.netkit.cli.SniffLanProtocolsTest.sameAsTcpdump;
import static dev.netkit.cli.SniffLanProtocolsTest.snapped;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The printers of what a host's own stack sends (issue #15): DHCPv6, TFTP, SNMP, ICMP and ICMPv6, ARP, on
 * hand-built frames, each compared with tcpdump run on the same file; the expected text is written out too.
 */
class SniffHostProtocolsTest {
    @TempDir
    Path dir;

    /** Debian 12's tcpdump 4.99.3 wrote the IPv6 -v header as 4.99.5 no longer does. */
    static String ipv6Header(String older) {
        return older.replaceAll("next-header (\\S+ \\(\\d+\\)) payload length: ", "next-header $1, payload length ");
    }

    static byte[] udp6(String src, String dst, int sport, int dport, String hex) {
        return PacketBuilder.ethernet(SniffFrames.CLIENT, SniffFrames.R1).ipv6(SniffFrames.v6(src), SniffFrames.v6(dst))
                .udp(sport, dport, HexFormat.of().parseHex(hex.replace(" ", ""))).build();
    }

    /** A DHCPv6 solicit and reply (RFC 8415), a relay-forward around a solicit, and a reply the capture cuts. */
    @Test
    void dhcpv6LikeTcpdump() throws Exception {
        String solicit = "01102030" + "0001000a 0003 0001 02000000010a" + "00060004 0017 0018" + "00080002 0000"
                + "0003000c 00000001 00000e10 00001518";
        String reply = "07102030" + "0002000e 0001 0001 2a2b2c2d 020000000101"
                + "00030028 00000001 00000e10 00001518" + "00050018 20010db8000000000000000000000010 00001c20 00001d4c"
                + "000d0004 0000 6f6b" + "00170010 20010db8000000000000000000000053"
                + "00180011 036c6162 076578616d706c65 00 026e6b00";
        String relay = "0c00" + "20010db8000000000000000000000001" + "fe80000000000000000000fffe00010a"
                + "00120004 65746830" + "00090030 " + solicit;
        byte[] r = udp6("fe80::1", "fe80::ff:fe00:10a", 547, 546, reply);
        Path p = snapped(dir.resolve("dhcpv6.pcap"), r.length - 8,
                udp6("fe80::ff:fe00:10a", "ff02::1:2", 546, 547, solicit), r,
                udp6("2001:db8::1", "2001:db8::2", 547, 547, relay), r);
        assertEquals("""
                1700000000.000000 IP6 fe80::ff:fe00:10a.546 > ff02::1:2.547: dhcp6 solicit
                1700000001.000000 IP6 fe80::1.547 > fe80::ff:fe00:10a.546: dhcp6 reply
                1700000002.000000 IP6 2001:db8::1.547 > 2001:db8::2.547: dhcp6 relay-fwd
                1700000003.000000 IP6 fe80::1.547 > fe80::ff:fe00:10a.546: dhcp6 reply
                """, sameAsTcpdump(p));
        String v = sameAsTcpdump(p, SniffHostProtocolsTest::ipv6Header, "-v");
        assertEquals("""
                1700000000.000000 IP6 (hlim 64, next-header UDP (17), payload length 56) fe80::ff:fe00:10a.546 > \
                ff02::1:2.547: [udp sum ok] dhcp6 solicit (xid=102030 (client-ID hwaddr type 1 02000000010a) \
                (option-request DNS-server DNS-search-list) (elapsed-time 0) (IA_NA IAID:1 T1:3600 T2:5400))
                1700000001.000000 IP6 (hlim 64, next-header UDP (17), payload length 123) fe80::1.547 > \
                fe80::ff:fe00:10a.546: [udp sum ok] dhcp6 reply (xid=102030 (server-ID hwaddr/time type 1 \
                time 707472429 020000000101) (IA_NA IAID:1 T1:3600 T2:5400 (IA_ADDR 2001:db8::10 pltime:7200 \
                vltime:7500)) (status-code Success) (DNS-server 2001:db8::53) (DNS-search-list lab.example. nk.))
                1700000002.000000 IP6 (hlim 64, next-header UDP (17), payload length 102) 2001:db8::1.547 > \
                2001:db8::2.547: [udp sum ok] dhcp6 relay-fwd (linkaddr=2001:db8::1 peeraddr=fe80::ff:fe00:10a \
                (interface-ID 65746830...) (relay-message (dhcp6 solicit (xid=102030 (client-ID hwaddr type 1 \
                02000000010a) (option-request DNS-server DNS-search-list) (elapsed-time 0) (IA_NA IAID:1 T1:3600 \
                T2:5400))))
                1700000003.000000 IP6 (hlim 64, next-header UDP (17), payload length 123) fe80::1.547 > \
                fe80::ff:fe00:10a.546: dhcp6 reply (xid=102030 (server-ID hwaddr/time type 1 time 707472429 \
                020000000101) (IA_NA IAID:1 T1:3600 T2:5400 (IA_ADDR 2001:db8::10 pltime:7200 vltime:7500)) \
                (status-code Success) (DNS-server 2001:db8::53) [|dhcp6])
                """, v);
    }

    /** A router renumbering command (RFC 2894): match fec0::/48 and add 3ffe:501:fffe::/48 in its place. */
    @Test
    void routerRenumberingLikeTcpdump() throws Exception {
        byte[] body = HexFormat.of().parseHex("00000001" + "00100000" + "00000000"
                + "01070030" + "00800000" + "fec00000000000000000000000000000"
                + "3010ffff" + "00278d00" + "00093a80" + "80000000" + "3ffe0501fffe00000000000000000000");
        byte[] f = PacketBuilder.ethernet(SniffFrames.CLIENT, SniffFrames.R1)
                .ipv6(SniffFrames.v6("2001:db8::1"), SniffFrames.v6("ff02::2"))
                .icmpv6(new Icmpv6Message.Other(Icmpv6Type.valueOf(138), 0, body)).build();
        Path p = snapped(dir.resolve("rr.pcap"), f.length - 20, f, f);
        // IP6 2001:db8::1 > ff02::2: ICMP6, router renumbering, command, seq=1 match(add,fec0::/48)
        //     use(V,3ffe:501:fffe::/48/16), length 72
        assertEquals("""
                1700000000.000000 IP6 2001:db8::1 > ff02::2: ICMP6, router renumbering, command, seq=1 \
                match(add,fec0::/48) use(V,3ffe:501:fffe::/48/16), length 72
                1700000001.000000 IP6 2001:db8::1 > ff02::2: ICMP6, router renumbering, command, seq=1 \
                match(add,fec0::/48) [|icmp6], length 72
                """, sameAsTcpdump(p));
        assertEquals("""
                1700000000.000000 IP6 (hlim 64, next-header ICMPv6 (58), payload length 72) 2001:db8::1 > ff02::2: \
                [icmp6 sum ok] ICMP6, router renumbering, command, seq=1[S,seg=0,maxdelay=0] \
                match(add,ord=0,min=0,max=128,fec0::/48) use(V,mask=0xff,raflags=0xff,vltime=2592000,\
                pltime=604800,3ffe:501:fffe::/48/16)
                """, sameAsTcpdump(p, SniffHostProtocolsTest::ipv6Header, "-v", "-c", "1"));
    }

    /** TFTP (RFC 1350): a read request with a block size option (RFC 2348), an error, a request the capture cuts. */
    @Test
    void tftpLikeTcpdump() throws Exception {
        byte[] rrq = "\0\1boot.img\0octet\0blksize\0001428\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] err = "\0\5\0\1no such file\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] f = SniffLanProtocolsTest.udp("198.18.1.10", "198.18.10.69", 40069, 69, rrq);
        Path p = snapped(dir.resolve("tftp.pcap"), f.length - 12,
                f, SniffLanProtocolsTest.udp("198.18.10.69", "198.18.1.10", 69, 40069, err), f);
        assertEquals("""
                1700000000.000000 IP 198.18.1.10.40069 > 198.18.10.69.69: TFTP, length 30, RRQ "boot.img" octet \
                blksize 1428
                1700000001.000000 IP 198.18.10.69.69 > 198.18.1.10.40069: TFTP, length 17, ERROR ENOTFOUND \
                "no such file"
                1700000002.000000 IP 198.18.1.10.40069 > 198.18.10.69.69: TFTP, length 30, RRQ "boot.img" octet \
                b [|tftp]
                """, sameAsTcpdump(p));
    }
}
