package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.packet.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --json} and {@code --fields} for what the codecs stop at or newly decode: ARP of another hardware type
 * than Ethernet (RFC 826's variable address lengths; token ring here), the PPP link (LINKTYPE_PPP) and SNMP.
 */
class SniffLinkJsonTest {
    @TempDir
    Path dir;

    /** ARP over Ethernet with hardware type 6 (IEEE 802): tcpdump "ARP, Request who-has 198.18.0.2 tell 198.18.0.1". */
    private static final String TOKEN_RING_ARP = "ffffffffffff0200000000010806" + "0006080006040001"
            + "020000000001c6120001" + "000000000000c6120002";
    /** PPP, protocol IP, a UDP datagram from 192.0.2.1.5000 to 198.51.100.2.9999. */
    private static final String PPP_IP = "ff030021450000200001000040118e95c0000201c63364021388270f000c000061626364";

    private Path pcap(String name, LinkType type, String hex) throws IOException {
        byte[] f = HexFormat.of().parseHex(hex);
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); PcapFileWriter w = new PcapFileWriter(out, type, 262144, false)) {
            w.write(new CapturedFrame(1_700_000_000_000_000_000L, type, f.length, f));
        }
        return p;
    }

    @Test
    void arpOfAnotherHardwareTypeHasItsFields() throws IOException {
        Path p = pcap("tr.pcap", LinkType.EN10MB, TOKEN_RING_ARP);
        SniffTest.Result json = SniffTest.run("sniff", "--json", "-r", p.toString());
        assertEquals(ExitCode.OK, json.code(), json.err());
        assertTrue(json.out().contains("\"arp\":{\"op\":\"request\",\"htype\":6,\"ptype\":2048,"
                + "\"sender_hw\":\"02:00:00:00:00:01\",\"sender_ip\":\"198.18.0.1\","
                + "\"target_hw\":\"00:00:00:00:00:00\",\"target_ip\":\"198.18.0.2\"}"), json.out());
        assertTrue(!json.out().contains("stopped_at"), json.out());
        SniffTest.Result fields = SniffTest.run("sniff", "-n", "--fields", "-r", p.toString());
        assertEquals(ExitCode.OK, fields.code(), fields.err());
        assertTrue(fields.out().contains("  ARP, 28 bytes at offset 14"), fields.out());
        assertTrue(fields.out().matches("(?s).*\\n    14 +hardware type +0x0006 +6 \\(TokenRing\\)\\n.*"), fields.out());
        assertTrue(fields.out().matches("(?s).*sender protocol address +4 bytes +198\\.18\\.0\\.1\\n.*"), fields.out());
        assertTrue(!fields.out().contains("decoding stopped"), fields.out());
    }

    @Test
    void pppLinkHasItsProtocol() throws IOException {
        Path p = pcap("ppp.pcap", LinkType.PPP, PPP_IP);
        SniffTest.Result json = SniffTest.run("sniff", "--json", "-r", p.toString());
        assertEquals(ExitCode.OK, json.code(), json.err());
        assertTrue(json.out().contains("\"ppp\":{\"protocol\":33},\"ip\":{\"version\":4,\"src\":\"192.0.2.1\""),
                json.out());
        assertTrue(json.out().contains("\"udp\":{\"sport\":5000,\"dport\":9999,\"len\":12}"), json.out());
        SniffTest.Result fields = SniffTest.run("sniff", "-n", "--fields", "-r", p.toString());
        assertTrue(fields.out().contains("  PPP, 4 bytes at offset 0"), fields.out());
        assertTrue(fields.out().contains("  IPv4, 20 bytes at offset 4"), fields.out());
    }

    /**
     * SNMPv2c GetResponse from port 161 over raw IPv4; tcpdump: IP 192.0.2.1.161 > 198.51.100.2.40000:  C="private"
     * GetResponse(48)  noSuchName@1 .1.3.6.1.2.1.1.3.0=123456 .1.3.6.1.2.1.1.5.0="router".
     */
    private static final String SNMP_RESPONSE = "4500005c0001000040118e59c0000201c633640200a19c4000480000"
            + "303e020101040770726976617465a2300201070201020201013025300f06082b06010201010300430301e240301206082b060102"
            + "010105000406726f75746572";

    @Test
    void snmpHasVersionCommunityPduAndRequestId() throws IOException {
        Path p = pcap("snmp.pcap", LinkType.RAW, SNMP_RESPONSE);
        SniffTest.Result json = SniffTest.run("sniff", "--json", "-r", p.toString());
        assertEquals(ExitCode.OK, json.code(), json.err());
        assertTrue(json.out().contains("\"snmp\":{\"version\":1,\"community\":\"private\",\"pdu\":\"GetResponse\","
                + "\"request_id\":7}"), json.out());
        // cut inside the community: no snmp object, as tcpdump's [|snmp]
        Path cut = pcap("cut.pcap", LinkType.RAW, SNMP_RESPONSE.substring(0, 2 * (28 + 8)));
        SniffTest.Result c = SniffTest.run("sniff", "--json", "-r", cut.toString());
        assertTrue(!c.out().contains("\"snmp\""), c.out());
    }
}
