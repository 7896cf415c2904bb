package dev.netkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netkit send}: argument checks, and the bytes --dry-run writes against vectors built by hand. */
class SendTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SRC = "198.18.1.10";
    private static final String DST = "198.18.10.10";

    @TempDir
    Path dir;

    static void assertUsage(String expected, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "send";
        System.arraycopy(args, 0, full, 1, args.length);
        NetkitTest.Result r = NetkitTest.run(full);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("netkit send: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void transportsAndTheirOptionsMustFit() {
        assertUsage("choose one of --icmp, --udp and --tcp", "--udp", "--tcp", "--dry-run", "--src", SRC, DST);
        assertUsage("--flags, --seq, --ack, --win and --mss need --tcp", "--udp", "--flags", "S", "--dry-run", "--src", SRC, DST);
        assertUsage("--sport and --dport need --udp or --tcp", "--dport", "80", "--dry-run", "--src", SRC, DST);
        assertUsage("'X' is not a TCP flag", "--tcp", "--flags", "SX", "--dry-run", "--src", SRC, DST);
        assertUsage("--flags is empty", "--tcp", "--flags", "", "--dry-run", "--src", SRC, DST);
        assertUsage("--icmp type 300 is out of range: use 0..255", "--icmp", "300", "--dry-run", "--src", SRC, DST);
        assertUsage("write TYPE or TYPE/CODE", "--icmp", "3/1/2", "--dry-run", "--src", SRC, DST);
    }

    @Test
    void headerFieldsAreRangeChecked() {
        assertUsage("--ttl 256 is out of range: use 0..255", "--ttl", "256", "--dry-run", "--src", SRC, DST);
        assertUsage("--tos -1 is out of range: use 0..255", "--tos", "-1", "--dry-run", "--src", SRC, DST);
        assertUsage("--id 65536 is out of range: use 0..65535", "--id", "65536", "--dry-run", "--src", SRC, DST);
        assertUsage("--frag-offset 8192 is out of range: use 0..8191", "--frag-offset", "8192", "--dry-run", "--src", SRC, DST);
        assertUsage("--mtu 67 is out of range: use 68..65535", "--mtu", "67", "--dry-run", "--src", SRC, DST);
        assertUsage("--dport 65536 is out of range", "--udp", "--dport", "65536", "--dry-run", "--src", SRC, DST);
        assertUsage("--seq 4294967296 is out of range", "--tcp", "--seq", "4294967296", "--dry-run", "--src", SRC, DST);
        assertUsage("-c 0 is out of range", "-c", "0", "--dry-run", "--src", SRC, DST);
        assertUsage("--interval 0 is out of range", "--interval", "0", "--dry-run", "--src", SRC, DST);
    }

    @Test
    void sizesAndFragmentsAreChecked() {
        assertUsage("choose one of --data, --hex and --size", "--data", "x", "--size", "3", "--dry-run", "--src", SRC, DST);
        assertUsage("not an even number of hex digits", "--hex", "abc", "--dry-run", "--src", SRC, DST);
        assertUsage("over the 65535 an IP length can say: the payload can be at most 65507 bytes",
                "--udp", "--size", "65508", "--dry-run", "--src", SRC, DST);
        assertUsage("--df forbids fragmenting, but the 1028-byte datagram exceeds --mtu 576",
                "--udp", "--df", "--mtu", "576", "--size", "1000", "--dry-run", "--src", SRC, DST);
        assertUsage("or let --mtu fragment, not both", "--mtu", "576", "--mf", "--dry-run", "--src", SRC, DST);
        assertUsage("are IPv4 header fields; 2001:db8:10::10 is IPv6", "--id", "5", "--dry-run", "--src",
                "2001:db8:1::10", "2001:db8:10::10");
        assertUsage("are not of one IP version", "--dry-run", "--src", "2001:db8:1::10", DST);
    }

    @Test
    void linkArpAndIpHeaderOptionsAreChecked() {
        assertUsage("--vlan 4096 is out of range: use 0..4095", "--vlan", "4096", "--dry-run", "--src", SRC, DST);
        assertUsage("--vlan-prio 8 is out of range: use 0..7", "--vlan", "1", "--vlan-prio", "8", "--dry-run", "--src",
                SRC, DST);
        assertUsage("--hwsrc 'zz' is not a MAC address", "--hwsrc", "zz", "--dry-run", "--src", SRC, DST);
        assertUsage("--arp sends no IP datagram: --ttl does not apply", "--arp", "--ttl", "3", "--dry-run", "--src",
                SRC, "198.18.1.11");
        assertUsage("ARP resolves IPv4 addresses; 2001:db8:1::11 is IPv6", "--arp", "--dry-run", "--src",
                "2001:db8:1::10", "2001:db8:1::11");
        assertUsage("--arp-op 0 is out of range: use 1..65535", "--arp-op", "0", "--dry-run", "--src", SRC,
                "198.18.1.11");
        assertUsage("--arp-op 'maybe' is not a number or a known name", "--arp-op", "maybe", "--dry-run", "--src", SRC,
                "198.18.1.11");
        assertUsage("--gratuitous announces 198.18.1.11 as its own sender", "--gratuitous", "--dry-run", "--src", SRC,
                "198.18.1.11");
        assertUsage("choose one of --rroute and --ip-timestamp", "--rroute", "--ip-timestamp", "tsonly", "--dry-run",
                "--src", SRC, DST);
        assertUsage("--ip-timestamp 'prespec': use tsonly or tsandaddr", "--ip-timestamp", "prespec", "--dry-run",
                "--src", SRC, DST);
        assertUsage("--rroute and --ip-timestamp are IPv4 options; 2001:db8:10::10 is IPv6", "--rroute", "--dry-run",
                "--src", "2001:db8:1::10", "2001:db8:10::10");
        assertUsage("--hop-by-hop, --dest-opt and --frag6 are IPv6 extension headers; 198.18.10.10 is IPv4",
                "--frag6", "--dry-run", "--src", SRC, DST);
        assertUsage("--dest-opt type 256 is out of range: use 0..255", "--dest-opt", "256", "--dry-run", "--src",
                "2001:db8:1::10", "2001:db8:10::10");
        assertUsage("--hop-by-hop router-alert 65536 is out of range: use 0..65535", "--hop-by-hop",
                "router-alert:65536", "--dry-run", "--src", "2001:db8:1::10", "2001:db8:10::10");
        assertUsage("--dest-opt '12x' is not an even number of hex digits", "--dest-opt", "7:12x", "--dry-run",
                "--src", "2001:db8:1::10", "2001:db8:10::10");
        assertUsage("--id 4294967296 is out of range: use 0..4294967295", "--frag6", "--id", "4294967296",
                "--dry-run", "--src", "2001:db8:1::10", "2001:db8:10::10");
    }

    /** The records of a classic pcap file: checks the header (raw IP link type) and returns each frame. */
    static List<byte[]> records(Path pcap) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        b.position(20);
        assertEquals(101, b.getInt(), "LINKTYPE_RAW");
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            b.getInt();
            b.getInt();
            int incl = b.getInt();
            assertEquals(incl, b.getInt());
            byte[] d = new byte[incl];
            b.get(d);
            out.add(d);
        }
        return out;
    }

    List<byte[]> dryRun(String... args) throws Exception {
        Path pcap = dir.resolve("out.pcap");
        List<String> full = new ArrayList<>(List.of("send", "--dry-run", "-w", pcap.toString(), "--src", SRC));
        full.addAll(Arrays.asList(args));
        full.add(DST);
        NetkitTest.Result r = NetkitTest.run(full.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return records(pcap);
    }

    @Test
    void dryRunWritesTheUdpDatagramBuiltByHand() throws Exception {
        // 198.18.1.10.40000 > 198.18.10.10.7: UDP, length 2
        List<byte[]> r = dryRun("--udp", "--sport", "40000", "--dport", "7", "--id", "1", "--data", "hi");
        assertEquals(1, r.size());
        assertEquals("4500001e000100004011e395c612010ac6120a0a" + "9c400007000a63f0" + "6869", HEX.formatHex(r.get(0)));
    }

    @Test
    void dryRunWritesTheTcpSynBuiltByHand() throws Exception {
        // 198.18.1.10.40000 > 198.18.10.10.80: Flags [S], seq 1, win 1024, length 0
        List<byte[]> r = dryRun("--tcp", "--flags", "S", "--sport", "40000", "--dport", "80", "--seq", "1",
                "--win", "1024", "--id", "2");
        assertEquals("45000028000200004006e395c612010ac6120a0a"
                + "9c40005000000001000000005002040078180000", HEX.formatHex(r.get(0)));
    }

    @Test
    void badChecksumChangesOnlyTheTransportChecksum() throws Exception {
        byte[] bad = dryRun("--udp", "--sport", "40000", "--dport", "7", "--id", "1", "--data", "hi", "--bad-checksum")
                .get(0);
        byte[] good = HEX.parseHex("4500001e000100004011e395c612010ac6120a0a9c400007000a63f06869");
        assertNotEquals(HEX.formatHex(Arrays.copyOfRange(good, 26, 28)), HEX.formatHex(Arrays.copyOfRange(bad, 26, 28)));
        bad[26] = good[26];
        bad[27] = good[27];
        assertEquals(HEX.formatHex(good), HEX.formatHex(bad));
    }

    @Test
    void mtuFragmentsAtEightByteBoundaries() throws Exception {
        // 100 bytes of UDP payload at MTU 68: 48 + 48 + 12 bytes of the 108-byte UDP datagram.
        List<byte[]> r = dryRun("--udp", "--sport", "40000", "--dport", "7", "--id", "3", "--size", "100", "--mtu", "68");
        String udp = "9c400007006c821a" + HEX.formatHex(pattern(100));
        assertEquals(3, r.size());
        assertEquals("45000044000320004011c36dc612010ac6120a0a" + udp.substring(0, 96), HEX.formatHex(r.get(0)));
        assertEquals("45000044000320064011c367c612010ac6120a0a" + udp.substring(96, 192), HEX.formatHex(r.get(1)));
        assertEquals("450000200003000c4011e385c612010ac6120a0a" + udp.substring(192), HEX.formatHex(r.get(2)));
    }

    @Test
    void fragmentFieldsSetByHandKeepAValidHeaderChecksum() throws Exception {
        byte[] d = dryRun("--udp", "--sport", "40000", "--dport", "7", "--id", "1", "--data", "hi", "--mf",
                "--frag-offset", "5").get(0);
        assertEquals("2005", HEX.formatHex(Arrays.copyOfRange(d, 6, 8)));
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        assertEquals(0xffff, sum, "IPv4 header checksum");
    }

    @Test
    void countAndTtlAndEchoSequenceGoIntoEachPacket() throws Exception {
        List<byte[]> r = dryRun("-c", "3", "--ttl", "7", "--id", "100", "--hex", "de:ad be ef");
        assertEquals(3, r.size());
        for (int i = 0; i < 3; i++) {
            byte[] d = r.get(i);
            assertEquals(7, d[8] & 0xff);
            assertEquals(100 + i, ((d[4] & 0xff) << 8) | (d[5] & 0xff));
            assertEquals(8, d[20] & 0xff, "echo request");
            assertEquals(i + 1, ((d[26] & 0xff) << 8) | (d[27] & 0xff), "echo sequence");
            assertEquals("deadbeef", HEX.formatHex(Arrays.copyOfRange(d, 28, 32)));
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
