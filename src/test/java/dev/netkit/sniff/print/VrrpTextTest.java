package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** VRRP as tcpdump 4.99.6 prints it (tests/vrrp.out, vrrp-v.out, vrrp-vrrp_print-oobr-2.out). */
class VrrpTextTest {
    /** vrrp.pcap packet 1: VRRPv2 over IPv4, three addresses, simple authentication "abcdefgh". */
    private static final byte[] V2 = HexFormat.of().parseHex("01005e00001200005e00012a08004500003012340000ff70bebc"
            + "0a00005be0000012212abf03010af11f0a042a010a042a020a042a036162636465666768");
    /** vrrp.pcap packet 3: VRRPv3 over IPv4, two addresses, Ethernet padding after the IP packet. */
    private static final byte[] V3 = HexFormat.of().parseHex("01005e00001200005e00012c08004500002412340000ff70bec8"
            + "0a00005be0000012312cbf0203e8b3c60a042c640a042cc800000000000000000000");
    /** vrrp.pcap packet 6: VRRPv3 over IPv6, two addresses. */
    private static final byte[] V3_IPV6 = HexFormat.of().parseHex("33330000001200005e00022d86dd60000000002870ff"
            + "fe80000000000000d6ca6dfffe66cf60ff020000000000000000000000000012"
            + "312dbf0203e8cfa0fe8000000000000002005efffe00022d200100000000000000000000abcd000a");
    /** vrrp-vrrp_print-oobr-2.pcap packet 8: TTL 34, a 7-byte message whose checksum field is not all there. */
    private static final byte[] CUT = HexFormat.of().parseHex("c0c1c0a09687ff89ebff9b9d08004502001b9d0fe0002270007f"
            + "00030294365a001031ff11030100a200000000000000030000000000");

    private static String print(byte[] frame, int wire, int verbose) {
        return RenderedText.ethernet(frame, wire, verbose, false);
    }

    @Test
    void v2NamesItsAuthenticationAndSeconds() {
        assertEquals("IP 10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple, "
                + "intvl 10s, length 28", print(V2, V2.length, 0));
    }

    @Test
    void verboseV2ListsAddressesAndPassword() {
        assertEquals("IP (tos 0x0, ttl 255, id 4660, offset 0, flags [none], proto VRRP (112), length 48)\n"
                + "    10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple, intvl 10s, "
                + "length 28, addrs(3): 10.4.42.1,10.4.42.2,10.4.42.3 auth \"abcdefgh\"", print(V2, V2.length, 1));
    }

    @Test
    void v3CountsCentiseconds() {
        assertEquals("IP 10.0.0.91 > 224.0.0.18: VRRPv3, Advertisement, vrid 44, prio 191, intvl 1000cs, length 16",
                print(V3, V3.length, 0));
        assertEquals("IP (tos 0x0, ttl 255, id 4660, offset 0, flags [none], proto VRRP (112), length 36)\n"
                + "    10.0.0.91 > 224.0.0.18: VRRPv3, Advertisement, vrid 44, prio 191, intvl 1000cs, length 16, "
                + "addrs(2): 10.4.44.100,10.4.44.200", print(V3, V3.length, 1));
    }

    @Test
    void v3OverIpv6ListsIpv6Addresses() {
        assertEquals("IP6 (hlim 255, next-header VRRP (112), payload length 40) fe80::d6ca:6dff:fe66:cf60 > ff02::12: "
                + "VRRPv3, Advertisement, vrid 45, prio 191, intvl 1000cs, length 40, "
                + "addrs(2): fe80::200:5eff:fe00:22d,2001::abcd:a", print(V3_IPV6, V3_IPV6.length, 1));
    }

    @Test
    void badChecksumIsFlaggedWithTheField() {
        byte[] bad = V3.clone();
        bad[14 + 20 + 7] ^= 1;
        assertEquals("IP (tos 0x0, ttl 255, id 4660, offset 0, flags [none], proto VRRP (112), length 36)\n"
                + "    10.0.0.91 > 224.0.0.18: VRRPv3, Advertisement, vrid 44, prio 191, intvl 1000cs, length 16, "
                + "(bad vrrp cksum b3c7), addrs(2): 10.4.44.100,10.4.44.200", print(bad, bad.length, 1));
    }

    @Test
    void ttlOtherThan255IsShownAndACutEndsTheText() {
        assertEquals("IP (tos 0x2,ECT(0), ttl 34, id 40207, offset 0, flags [+, DF, rsvd], proto VRRP (112), "
                + "length 27, bad cksum 7f (->e260)!)\n"
                + "    0.3.2.148 > 54.90.0.16: VRRPv3, Advertisement, (ttl 34), vrid 255, prio 17, intvl 256cs, "
                + "length 7 [|vrrp]", print(CUT, 310, 1));
    }

    @Test
    void addressesCutByTheCaptureEndTheText() {
        // Debian's tcpdump 4.99.3 prints the same for this frame cut to 48 bytes
        byte[] cut = java.util.Arrays.copyOf(V2, 14 + 20 + 8 + 6);
        assertEquals("IP (tos 0x0, ttl 255, id 4660, offset 0, flags [none], proto VRRP (112), length 48)\n"
                + "    10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple, intvl 10s, "
                + "length 28, addrs(3): 10.4.42.1 [|vrrp]", print(cut, V2.length, 1));
    }
}
