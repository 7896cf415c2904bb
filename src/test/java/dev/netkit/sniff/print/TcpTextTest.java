package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * TCP flags and options as current tcpdump prints them (print-tcp.c, print-mptcp.c of tcpdump's master): the AccECN
 * flag (tests/accecn_handshake.out), MPTCP's MP_TCPRST (tests/mptcp-tcprst.out) and a header the capture cut
 * inside its options (4.99.6's tests/mptcp-dss-oobr.out, tcp-auth-heapoverflow.out). Vectors from those captures.
 */
class TcpTextTest {
    /** accecn_handshake.pcap packet 1: a SYN with AE, CWR and ECE set, its checksum wrong. */
    private static final String ACCECN_SYN = "18fd740745cd000c29f78012080045" + "00003c0000400040061a4f1f8592f842e42b0c"
            + "40310050741d4a2d00000000a1c2ffff209c0000" + "020405b4010303060402080a06af3c1500000000";
    /** mptcp-tcprst.pcap packet 2: a reset with MP_TCPRST, flag T, reason 1. */
    private static final String MPTCP_RESET = "4500002c00000000ff06ed05c0000201c0a84c1c"
            + "d9bb1f900000000181bdc28660140100f36f0000" + "1e048101";
    /** mptcp-dss-oobr.pcap: a 40-byte header of which 39 were captured, its MPTCP DSS option too short. */
    private static final String DSS_CUT = "00000000000000000000000008004510003c9c3740004006a0727f0000017f000001"
            + "e01a00176785c90300000000a0028018fe300000" + "0204400c0402080a23975534000000001e0320";

    private static String print(LinkType link, String hex, int verbose, int wire) {
        byte[] frame = HexFormat.of().parseHex(hex);
        TcpdumpText text = new TcpdumpText(PrintOptions.of(false, verbose, true, 1, false, 0, 0, false),
                new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, new CapturedFrame(0, link, Math.max(wire, frame.length), frame)), b);
        return b.toString();
    }

    @Test
    void accurateEcnFlagIsLowerCaseE() {
        assertEquals("IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)\n"
                + "    31.133.146.248.16433 > 66.228.43.12.80: Flags [SEWe], cksum 0x209c (incorrect -> 0xe443), "
                + "seq 1948076589, win 65535, options [mss 1460,nop,wscale 6,sackOK,TS val 112147477 ecr 0], length 0",
                print(LinkType.ETHERNET, ACCECN_SYN, 1, 0));
    }

    @Test
    void mptcpResetNamesFlagsAndReason() {
        assertEquals("IP 192.0.2.1.55739 > 192.168.76.28.8080: Flags [R.], seq 1, ack 2176696966, win 256, "
                + "options [mptcp 4 tcprst flags [T] reason MPTCP-specific error], length 0",
                print(LinkType.RAW, MPTCP_RESET, 0, 0));
    }

    @Test
    void cutHeaderPrintsTheOptionsCaptured() {
        assertEquals("IP (tos 0x10, ttl 64, id 39991, offset 0, flags [DF], proto TCP (6), length 60)\n"
                + "    127.0.0.1.57370 > 127.0.0.1.23: Flags [S], seq 1736820995, win 32792, "
                + "options [mss 16396,sackOK,TS val 597120308 ecr 0,mptcp 3 dss[bad opt]]",
                print(LinkType.ETHERNET, DSS_CUT, 1, 74));
        // cut inside the timestamps: tcpdump names the option, then fails to read its values
        assertEquals("IP 127.0.0.1.57370 > 127.0.0.1.23: Flags [S], seq 1736820995, win 32792, "
                + "options [mss 16396,sackOK,TS [|tcp]",
                print(LinkType.ETHERNET, DSS_CUT.substring(0, 2 * (14 + 20 + 20 + 6 + 3)), 0, 74));
    }
}
