package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ICMP as tcpdump prints it (print-icmp.c): RFC 8335's extended echo (tests/icmp-rfc8335-v.out of tcpdump's master),
 * RFC 4884 multi-part extensions (tests/icmp-rfc5837.out, icmp-cksum-oobr-4.out) and a header the capture cut
 * (4.99.6's tests/icmp-icmp_print-oobr-1.out). The vectors are those tests' captures, the PPP ones as raw IP.
 */
class IcmpTextTest {
    /** icmp-rfc8335.pcap packet 2: an extended echo request for the local interface named enp1s0. */
    private static final String REQUEST_BY_NAME = "560004a34c83fe0004a34c83080045000032" + "2e8d0000360191f2ccc21780951c"
            + "4aed2a000cadf707000120009424000a" + "0301656e703173306593" + "3a4800063268";
    /** icmp-rfc8335.pcap packet 6: its reply, no error, active with IPv4 and IPv6. */
    private static final String REPLY = "560004a34c83fe0004a34c83080045000034" + "f75c4000f501ca1fccc21780951c"
            + "4aed2b00b4ce002a2a072000d819000c" + "0301667870302e300000" + "6583629700022de3";
    /** icmp-rfc5837.pcap: time exceeded with an interface information object (index, address, name). */
    private static final String TIME_EXCEEDED_5837 = "450000f0e7204000fe017ade0a0400020c040404"
            + "0b00ccff00000000" + "45000028a55100000111f76a0c0404040c010101a54b82a000140000" + "00".repeat(100)
            + "2000246c0050020e0000000f000100000a0a0a0a4054686973" + "2d69732d7468652d6e616d652d6f662d7468652d496e74"
            + "657266616365" + "2d746861742d77652d6172652d6c6f6f6b696e672d666f722d5b3a2d295d";
    /** icmp-cksum-oobr-4.pcapng: an MPLS label stack entry object cut in its last byte. */
    private static final String TIME_EXCEEDED_MPLS_CUT = "45c020a813b70000fb017edb0a000c020a000c01"
            + "0b00151e00000000" + "4500001c0a0e000001118fbf0a000c010affff04c03f829b00089cfe" + "00".repeat(58)
            + "2000" + "00".repeat(40) + "2000ddf40008010100010101";

    private static String print(LinkType link, String hex, int verbose, int wireLength) {
        byte[] frame = HexFormat.of().parseHex(hex);
        TcpdumpText text = new TcpdumpText(PrintOptions.of(false, verbose, true, 1, false, 0, 0, false),
                new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, new CapturedFrame(0, link, Math.max(wireLength, frame.length),
                frame)), b);
        return b.toString();
    }

    @Test
    void extendedEchoRequestNamesTheInterface() {
        assertEquals("IP 204.194.23.128 > 149.28.74.237: ICMP extended echo request, id 63239, seq 0, length 30",
                print(LinkType.ETHERNET, REQUEST_BY_NAME, 0, 0));
        assertEquals("IP (tos 0x0, ttl 54, id 11917, offset 0, flags [none], proto ICMP (1), length 50)\n"
                + "    204.194.23.128 > 149.28.74.237: ICMP extended echo request, id 63239, seq 0, length 30\n"
                + "\tLocal Interface, checksum 0x9424 (correct), length 14\n"
                + "\t  Interface Identification Object (3), Class-Type: 1, length 10\n"
                + "\t    Interface Name, length 6: enp1s0", print(LinkType.ETHERNET, REQUEST_BY_NAME, 1, 0));
    }

    @Test
    void extendedEchoReplyStatesCodeAndState() {
        assertEquals("IP (tos 0x0, ttl 245, id 63324, offset 0, flags [DF], proto ICMP (1), length 52)\n"
                + "    204.194.23.128 > 149.28.74.237: ICMP extended echo reply, id 42, seq 42, length 32\n"
                + "\tCode 0 (No error), State 0 (Reserved), active 1 ipv4 1 ipv6 1",
                print(LinkType.ETHERNET, REPLY, 1, 0));
    }

    @Test
    void extendedEchoRequestCutInItsExtensionHeader() {
        String cut = REQUEST_BY_NAME.substring(0, 2 * (14 + 20 + 8));
        assertEquals("IP [total length 50 > length 28] (invalid) (tos 0x0, ttl 54, id 11917, offset 0, flags [none], "
                + "proto ICMP (1), length 50)\n"
                + "    204.194.23.128 > 149.28.74.237: ICMP extended echo request, id 63239, seq 0, length 30\n"
                + "\tLocal Interface [|icmp]", print(LinkType.ETHERNET, cut, 1, 0));
    }

    @Test
    void interfaceInformationObject() {
        assertEquals("IP (tos 0x0, ttl 254, id 59168, offset 0, flags [DF], proto ICMP (1), length 240)\n"
                + "    10.4.0.2 > 12.4.4.4: ICMP time exceeded in-transit, length 220\n"
                + "\tIP (tos 0x0, ttl 1, id 42321, offset 0, flags [none], proto UDP (17), length 40)\n"
                + "    12.4.4.4.42315 > 12.1.1.1.33440: UDP, length 12\n"
                + "\tICMP Multi-Part extension v2, checksum 0x246c (correct), length 84\n"
                + "\t  Interface Information Object (2), Class-Type: 14, length 80\n"
                + "\t    Interface Role: Incoming IP Interface\n"
                + "\t    Interface Index: 15\n"
                + "\t    IP Address sub-object: 10.10.10.10\n"
                + "\t    Interface Name, length 64: This-is-the-name-of-the-Interface-that-we-are-looking-for-[:-)]",
                print(LinkType.RAW, TIME_EXCEEDED_5837, 1, 0));
    }

    @Test
    void mplsEntryCutByTheCapture() {
        assertEquals("IP [total length 8360 > length 168] (invalid) (tos 0xc0, ttl 251, id 5047, offset 0, "
                + "flags [none], proto ICMP (1), length 8360, bad cksum 7edb (->5edb)!)\n"
                + "    10.0.12.2 > 10.0.12.1: ICMP time exceeded in-transit, length 8340\n"
                + "\tIP (tos 0x0, ttl 1, id 2574, offset 0, flags [none], proto UDP (17), length 28)\n"
                + "    10.0.12.1.49215 > 10.255.255.4.33435: [udp sum ok] UDP, length 0\n"
                + "\tICMP Multi-Part extension v2\n"
                + "\t  MPLS Stack Entry Object (1), Class-Type: 1, length 8\n"
                + "\t    label 16, tc 0, [S], ttl 1 [|icmp]", print(LinkType.RAW, TIME_EXCEEDED_MPLS_CUT, 3, 0)); // the test runs -vvv
    }

    @Test
    void cutHeaderPrintsItsTypeWhenNothingElseIsRead() {
        // icmp-icmp_print-oobr-1.pcap packet 1: 3 bytes of ICMP, the checksum wrong and its field cut
        String frame = "ffedf649967ec005ffff059d0800" + "450400170e0000004001000a1603020036d10000" + "3180bc";
        String ip = "IP (tos 0x4, ttl 64, id 3584, offset 0, flags [none], proto ICMP (1), length 23, bad cksum a"
                + " (->1e0f)!)\n    22.3.2.0 > 54.209.0.0: ICMP type-#49, length 3";
        assertEquals(ip + " [|icmp]", print(LinkType.ETHERNET, frame, 1, 0));
        assertEquals("IP 22.3.2.0 > 54.209.0.0: ICMP type-#49, length 3", print(LinkType.ETHERNET, frame, 0, 0));
        // an echo's text reads its id and sequence, which are cut
        assertEquals("IP 22.3.2.0 > 54.209.0.0: [|icmp]",
                print(LinkType.ETHERNET, frame.replace("3180bc", "0880bc"), 0, 0));
    }
}
