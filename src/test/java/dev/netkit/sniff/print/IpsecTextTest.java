package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * IPsec AH and ESP as tcpdump 4.99.6 prints them (tests/ospf3_ah-vv.out, esp0.out,
 * heapoverflow-ip_demux_print.out).
 */
class IpsecTextTest {
    /** OSPFv3_with_AH.pcap packet 1: an OSPFv3 hello after a 24-byte authentication header. */
    private static final byte[] AH = HexFormat.of().parseHex("333300000005c20068b3000186dd6e000000003c3301"
            + "fe800000000000000000000000000001ff020000000000000000000000000005"
            + "59040000000001000000001321d3a95c5ffd4d184622b9f8"
            + "030100240101010100000001fb8600000000000501000013000a00280000000000000000");
    /** 02-sunrise-sunset-esp.pcap packet 1: ESP in IPv4 (the payload, which nothing decrypts, left out). */
    private static final byte[] ESP = HexFormat.of().parseHex("100000646445100000646423080045000088ff6700004032"
            + "f695c0010217c001022d12345678000000014c20452f3cb09211");
    /** heapoverflow-ip_demux_print.pcap packet 2: an AH whose ICV the capture cuts. */
    private static final byte[] AH_CUT = HexFormat.of().parseHex("303030303030303030303030080045303030303000003033"
            + "303030303030303030303330303030303030303030303030");

    private static String print(byte[] frame, int wire, int verbose) {
        return RenderedText.ethernet(frame, wire, verbose, false);
    }

    @Test
    void ahNamesSpiSequenceAndIcvThenTheDemuxGoesOn() {
        assertEquals("IP6 fe80::1 > ff02::5: AH(spi=0x00000100,seq=0x13,icv=0x21d3a95c5ffd4d184622b9f8): "
                + "OSPFv3, Hello, length 36", print(AH, AH.length, 0));
        assertEquals("IP6 (class 0xe0, hlim 1, next-header AH (51), payload length 60) fe80::1 > ff02::5: "
                + "AH(length=4(24-bytes),spi=0x00000100,seq=0x13,icv=0x21d3a95c5ffd4d184622b9f8): "
                + "OSPFv3, Hello, length 36\n"
                + "\tRouter-ID 1.1.1.1, Area 0.0.0.1\n"
                + "\tOptions [V6, External, Router]\n"
                + "\t  Hello Timer 10s, Dead Timer 40s, Interface-ID 0.0.0.5, Priority 1\n"
                + "\t  Neighbor List:", print(AH, AH.length, 2));
    }

    @Test
    void ahCutInsideTheIcvEndsTheText() {
        assertEquals("IP (tos 0x30, ttl 48, id 12336, offset 0, flags [none], proto AH (51), length 12336, "
                + "bad cksum 3030 (->697b)!)\n"
                + "    48.48.48.48 > 48.48.48.48: AH(length=48(200-bytes),reserved=0x3030[MustBeZero],"
                + "spi=0x30303030,seq=0x30303030,icv=0x3030 [|ah]", print(AH_CUT, 262144, 1));
    }

    @Test
    void ahWithNoByteCapturedIsCut() {
        // Debian's tcpdump 4.99.3 prints the same for this frame cut after the IPv6 header
        assertEquals("IP6 fe80::1 > ff02::5:  [|ah]",
                print(java.util.Arrays.copyOf(AH, 54), AH.length, 0));
    }

    @Test
    void espShowsSpiSequenceAndLength() {
        assertEquals("IP 192.1.2.23 > 192.1.2.45: ESP(spi=0x12345678,seq=0x1), length 116",
                print(ESP, 150, 0));
    }

    @Test
    void espWithOnlyItsHeaderCapturedIsCut() {
        // Debian's tcpdump 4.99.3 prints the same for this frame cut to 42 bytes
        byte[] cut = java.util.Arrays.copyOf(ESP, 14 + 20 + 8);
        assertEquals("IP 192.1.2.23 > 192.1.2.45:  [|esp]", print(cut, 150, 0));
    }
}
