package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ICMPv6 as tcpdump prints it (print-icmp6.c): node information (RFC 4620, 4.99.6's
 * tests/icmpv6_nodeinfo_replyipv6.out), the nonce (RFC 3971) and pref64 (RFC 8781) options (master's
 * tests/icmpv6-ns-nonce-v2.out and icmpv6-ra-pref64-v1.out) and RFC 7112's parameter problem
 * (tests/icmpv6-rfc7112.out). The vectors are the first packets of those tests' captures.
 */
class Icmp6TextTest {
    private static final String NODE_ADDRESSES_REPLY = "60000000004c3a40" + "00000000000000000000000000000001"
            + "00000000000000000000000000000001" + "8c004a14000300026e0a44c1688eb28d" + "00000000"
            + "00000000000000000000000000000001" + "00000000" + "20010db8000000000000000000000001" + "00000000"
            + "20020db8000000000000000000000001";
    private static final String NONCE_SOLICITATION = "3333ffe1000f566ff7e1000f86dd" + "6000000000203aff"
            + "00000000000000000000000000000000" + "ff0200000000000000000001ffe1000f" + "8700566e00000000"
            + "fe80000000000000546ff7fffee1000f" + "0e016069604c0aaa";
    private static final String PREF64_ADVERTISEMENT = "333300000001e21581b4b94586dd" + "6009fc7200483aff"
            + "fe80000000000000e01581fffeb4b945" + "ff020000000000000000000000000001" + "860015e8504001f40000000000000000"
            + "0101e21581b4b945" + "0304408000000e10000007080000000020010db800cc00dd0000000000000000"
            + "2602000020010db800010064ff9b0000";
    private static final String INCOMPLETE_CHAIN = "ac1f6b469eda00a09815ece786dd" + "6000000000483a40"
            + "200106300042011002a098fffe15ece7" + "2001063000420110ae1f6bfffe469eda" + "0403994c00000030"
            + "6000000000182c40" + "2001063000420110ae1f6bfffe469eda" + "200106300042011002a098fffe15ece7"
            + "290000010000d6b16227605c7830305c7830305c7830305c";

    private static String print(LinkType link, String hex, int verbose) {
        return print(link, hex, verbose, hex.length() / 2);
    }

    private static String print(LinkType link, String hex, int verbose, int wire) {
        byte[] frame = HexFormat.of().parseHex(hex);
        TcpdumpText text = new TcpdumpText(PrintOptions.of(false, verbose, true, 1, false, 0, 0, false),
                new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, new CapturedFrame(0, link, wire, frame)), b);
        return b.toString();
    }

    @Test
    void nodeInformationReplyListsTheAddresses() {
        assertEquals("IP6 (hlim 64, next-header ICMPv6 (58), payload length 76) ::1 > ::1: [icmp6 sum ok] ICMP6, "
                + "node information reply (success, node addresses [A] ::1(0) 2001:db8::1(0) 2002:db8::1(0))",
                print(LinkType.RAW, NODE_ADDRESSES_REPLY, 1));
        // without -v no "success", and the length at the end
        assertEquals("IP6 ::1 > ::1: ICMP6, node information reply (node addresses [A] ::1(0) 2001:db8::1(0) "
                + "2002:db8::1(0)), length 76", print(LinkType.RAW, NODE_ADDRESSES_REPLY, 0));
    }

    @Test
    void nodeInformationReplyCutIsTruncated() {
        assertEquals("IP6 ::1 > ::1: ICMP6, node information reply [|icmp6], length 76",
                print(LinkType.RAW, NODE_ADDRESSES_REPLY.substring(0, 2 * (40 + 20)), 0, 40 + 76));
    }

    @Test
    void nonceOptionPrintsItsBytes() {
        assertEquals("IP6 (hlim 255, next-header ICMPv6 (58), payload length 32) :: > ff02::1:ffe1:f: [icmp6 sum ok] "
                + "ICMP6, neighbor solicitation, length 32, who has fe80::546f:f7ff:fee1:f\n"
                + "\t  nonce option (14), length 8 (1): 60 69 60 4c 0a aa\n"
                + "\t    0x0000:  6069 604c 0aaa", print(LinkType.ETHERNET, NONCE_SOLICITATION, 2));
    }

    @Test
    void pref64OptionPrintsPrefixAndLifetime() {
        assertEquals("IP6 (flowlabel 0x9fc72, hlim 255, next-header ICMPv6 (58), payload length 72) "
                + "fe80::e015:81ff:feb4:b945 > ff02::1: [icmp6 sum ok] ICMP6, router advertisement, length 72\n"
                + "\thop limit 80, Flags [other stateful], pref medium, router lifetime 500s, reachable time 0ms, "
                + "retrans timer 0ms\n"
                + "\t  source link-address option (1), length 8 (1): e2:15:81:b4:b9:45\n"
                + "\t  prefix info option (3), length 32 (4): 2001:db8:cc:dd::/64, Flags [onlink], valid time 3600s, "
                + "pref. time 1800s\n"
                + "\t  pref64 option (38), length 16 (2): 2001:db8:1:64:ff9b::/96 (plc 0), lifetime 0s",
                print(LinkType.ETHERNET, PREF64_ADVERTISEMENT, 1));
    }

    @Test
    void incompleteHeaderChainNamesItsPointer() {
        assertEquals("IP6 2001:630:42:110:2a0:98ff:fe15:ece7 > 2001:630:42:110:ae1f:6bff:fe46:9eda: ICMP6, "
                + "parameter problem, incomplete header chain - octet 48, length 72",
                print(LinkType.ETHERNET, INCOMPLETE_CHAIN, 0));
    }
}
