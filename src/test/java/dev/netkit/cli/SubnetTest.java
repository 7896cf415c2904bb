package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.cli.render.SubnetRenderer;
import dev.netkit.subnet.SubnetInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netkit subnet} through the root command, as a user runs it. */
class SubnetTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Result ok(String... args) {
        Result r = run(args);
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("", r.err());
        return r;
    }

    /** Bad input: exit 2 and exactly one line on stderr that names the command and the problem. */
    static void badInput(String expected, String... args) {
        Result r = run(args);
        assertEquals(ExitCode.USAGE, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("netkit subnet"), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @AfterEach
    void restoreStdin() {
        Subnet.Merge.stdin = System.in;
    }

    @Test
    void infoViewIpv4() {
        String out = ok("subnet", "192.0.2.130/26").out();
        assertEquals("""
                Address:       192.0.2.130          11000000.00000000.00000010.10|000010
                Netmask:       255.255.255.192 = 26 11111111.11111111.11111111.11|000000
                Wildcard:      0.0.0.63             00000000.00000000.00000000.00|111111
                =>
                Network:       192.0.2.128/26       11000000.00000000.00000010.10|000000
                HostMin:       192.0.2.129          11000000.00000000.00000010.10|000001
                HostMax:       192.0.2.190          11000000.00000000.00000010.10|111110
                Broadcast:     192.0.2.191          11000000.00000000.00000010.10|111111
                Hosts/Net:     62                   Class C
                Addresses:     64
                Type:          documentation (TEST-NET-1), RFC 5737
                Integer:       3221226114
                Hex:           0xc0000282
                Reverse zone:  2.0.192.in-addr.arpa
                """, out);
    }

    @Test
    void threeInputFormsAgree() {
        String slash = ok("subnet", "192.0.2.130/26").out();
        assertEquals(slash, ok("subnet", "192.0.2.130", "255.255.255.192").out());
        assertEquals(slash, ok("subnet", "192.0.2.130/255.255.255.192").out());
    }

    @Test
    void courseVectors() {
        String out = ok("subnet", "129.133.178.53", "255.255.240.0").out();
        assertTrue(out.contains("Network:       129.133.176.0/20 "), out);
        assertTrue(out.contains("Broadcast:     129.133.191.255 "), out);
        assertTrue(ok("subnet", "214.197.217.45/21").out().contains("Network:       214.197.216.0/21"));
        assertTrue(ok("subnet", "198.51.100.96/28").out().contains("Hosts/Net:     14 "));
        String ints = ok("subnet", "198.51.100.10").out();
        assertTrue(ints.contains("Integer:       3325256714\n") && ints.contains("Hex:           0xc633640a\n"), ints);
        assertTrue(ok("subnet", "203.0.113.1").out().contains("Integer:       3405803777\n"));
        assertTrue(ok("subnet", "108.61.84.15").out().contains("Reverse zone:  15.84.61.108.in-addr.arpa\n"));
        assertTrue(ok("subnet", "ff02::1").out().contains("Multicast MAC: 33:33:00:00:00:01\n"));
    }

    /**
     * An address written as one 32-bit number (decimal or hex) gives the view of its dotted form, the same one the
     * peers see: Debian's ipcalc reads the hex form, getent (the C library's inet_aton) both.
     */
    @Test
    void addressAsOneNumberAgreesWithPeers() throws Exception {
        String dotted = ok("subnet", "198.51.100.10/24").out();
        assertEquals(dotted, ok("subnet", "3325256714/24").out());
        assertEquals(dotted, ok("subnet", "0xc633640a", "255.255.255.0").out());
        assertTrue(dotted.contains("Integer:       3325256714\nHex:           0xc633640a\n"), dotted);
        assertEquals(ok("subnet", "198.51.100.10").out(), ok("subnet", "3325256714").out());
        assertEquals("198.51.100.10 is in 198.51.100.0/24\n", ok("subnet", "contains", "198.51.100.0/24", "0xc633640a").out());
        // ipcalc's Address to Broadcast lines (the fourth is "=>") give the same values, label for label
        List<String> ipcalc = peer("ipcalc", "-n", "-b", "0xc633640a/24").lines().toList();
        List<String> ours = dotted.lines().toList();
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 7}) {
            assertEquals(ipcalc.get(i).split("\\s+")[0], ours.get(i).split("\\s+")[0], ipcalc.get(i));
            assertEquals(ipcalc.get(i).split("\\s+")[1], ours.get(i).split("\\s+")[1], ipcalc.get(i));
        }
        for (String number : List.of("3325256714", "0xc633640a")) {
            String getent = peer("getent", "ahostsv4", number).lines().findFirst().orElseThrow().split("\\s+")[0];
            assertTrue(ok("subnet", number).out().startsWith("Address:       " + getent + " "), getent);
        }
    }

    private static String peer(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void slash31And32() {
        String p2p = ok("subnet", "192.0.2.1/31").out();
        assertTrue(p2p.contains("Hosts/Net:     2                    Class C, point-to-point link (RFC 3021)"), p2p);
        assertFalse(p2p.contains("Broadcast:"), p2p);
        String host = ok("subnet", "192.0.2.1/32").out();
        assertTrue(host.contains("Hosts/Net:     1 "), host);
        assertFalse(host.contains("Broadcast:"), host);
    }

    @Test
    void infoViewIpv6CompressedAndExpanded() {
        String out = ok("subnet", "2001:0db8:000c:0000:0000:0000:000d:0001/64").out();
        assertTrue(out.startsWith("Address:       2001:db8:c::d:1\n"), out);
        assertTrue(out.contains("Network:       2001:db8:c::/64\n"), out);
        assertTrue(out.contains("Type:          documentation, RFC 3849\n"), out);
        assertTrue(out.contains("  Address      0010000000000001:0000110110111000:0000000000001100:0000000000000000|"), out);
        String full = ok("subnet", "--expand", "2001:db8:c::d:1/64").out();
        assertTrue(full.startsWith("Address:       2001:0db8:000c:0000:0000:0000:000d:0001\n"), full);
    }

    @Test
    void typesInText() {
        assertTrue(ok("subnet", "100.64.1.1/10").out().contains("Type:          shared address space (carrier-grade NAT), RFC 6598"));
        assertTrue(ok("subnet", "198.18.1.10/24").out().contains("Type:          benchmarking, RFC 2544"));
        String mapped = ok("subnet", "::ffff:192.0.2.1").out();
        assertTrue(mapped.contains("Type:          IPv4-mapped, RFC 4291") && mapped.contains("IPv4 inside:   192.0.2.1"), mapped);
        assertTrue(ok("subnet", "fd12:3456::1/48").out().contains("Type:          unique local, RFC 4193"));
    }

    @Test
    void jsonKeysIpv4() {
        String out = ok("subnet", "--json", "192.0.2.130/26").out();
        assertEquals("{\"type\":\"documentation\",\"address\":\"192.0.2.130\",\"network\":\"192.0.2.128\","
                + "\"netmask\":\"255.255.255.192\",\"wildcard\":\"0.0.0.63\",\"broadcast\":\"192.0.2.191\","
                + "\"prefix_length\":26,\"first_host\":\"192.0.2.129\",\"last_host\":\"192.0.2.190\","
                + "\"usable_hosts\":62,\"total_addresses\":64,\"reverse_zone\":\"2.0.192.in-addr.arpa\"}\n", out);
    }

    @Test
    void jsonIpv6SlashZeroIsExact() {
        String out = ok("subnet", "--json", "2001:db8::1/0").out();
        assertTrue(out.contains("\"total_addresses\":340282366920938463463374607431768211456,"), out);
        assertFalse(out.contains("broadcast"), out);
        assertTrue(out.startsWith("{\"type\":\"documentation\",\"address\":\"2001:db8::1\",\"network\":\"::\""), out);
    }

    @Test
    void splitByPrefix() {
        assertEquals("198.18.0.0/26\n198.18.0.64/26\n198.18.0.128/26\n198.18.0.192/26\n",
                ok("subnet", "split", "198.18.0.0/24", "--prefix", "26").out());
    }

    @Test
    void splitByHostsLargestFirst() {
        String out = ok("subnet", "split", "192.168.1.0/24", "--hosts", "10,50,20").out();
        assertEquals("""
                Hosts  Subnet           Netmask          HostMin       HostMax        Broadcast      Usable
                50     192.168.1.0/26   255.255.255.192  192.168.1.1   192.168.1.62   192.168.1.63   62
                20     192.168.1.64/27  255.255.255.224  192.168.1.65  192.168.1.94   192.168.1.95   30
                10     192.168.1.96/28  255.255.255.240  192.168.1.97  192.168.1.110  192.168.1.111  14
                """, out);
        String json = ok("subnet", "split", "192.168.1.0/24", "--hosts", "50", "--json").out();
        assertTrue(json.startsWith("{\"type\":\"allocation\",\"hosts\":50,\"cidr\":\"192.168.1.0/26\""), json);
    }

    @Test
    void mergeArgumentsAndStdin() {
        assertEquals("10.0.0.0/23\n2001:db8::/32\n",
                ok("subnet", "merge", "2001:db8::/33", "10.0.1.0/24", "10.0.0.0/24", "2001:db8:8000::/33").out());
        Subnet.Merge.stdin = new ByteArrayInputStream("198.18.0.128/25\n198.18.0.0/25\n198.18.5.0/24\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals("198.18.0.0/24\n198.18.5.0/24\n", ok("subnet", "merge").out());
    }

    @Test
    void range() {
        assertEquals("10.0.0.0/29\n10.0.0.8/31\n", ok("subnet", "range", "10.0.0.0-10.0.0.9").out());
        assertEquals("10.0.0.0/29\n10.0.0.8/31\n", ok("subnet", "range", "10.0.0.0", "-", "10.0.0.9").out());
        assertEquals("2001:db8::/127\n", ok("subnet", "range", "2001:db8::-2001:db8::1").out());
    }

    @Test
    void containsExitCodes() {
        Result in = ok("subnet", "contains", "198.18.1.0/24", "198.18.1.10", "198.18.1.0/25");
        assertEquals("198.18.1.10 is in 198.18.1.0/24\n198.18.1.0/25 is in 198.18.1.0/24\n", in.out());
        Result mixed = run("subnet", "contains", "198.18.1.0/24", "198.18.1.10", "198.18.2.1");
        assertEquals(ExitCode.NEGATIVE, mixed.code());
        assertTrue(mixed.out().contains("198.18.2.1 is not in 198.18.1.0/24"), mixed.out());
        assertEquals(ExitCode.NEGATIVE, run("subnet", "contains", "2001:db8:1::/64", "2001:db8:2::1").code());
    }

    @Test
    void eui64() {
        assertEquals("fe80::20c:29ff:fe04:234c\n", ok("subnet", "eui64", "00:0c:29:04:23:4c").out());
        assertEquals("fe80::d6ca:6dff:fe1a:dc68\n", ok("subnet", "eui64", "d4-ca-6d-1a-dc-68").out());
        assertEquals("fe80::a00:27ff:fee2:65b0\n", ok("subnet", "eui64", "0800.27e2.65b0").out());
        assertEquals("2001:db8:1:0:a00:27ff:fee2:65b0\n",
                ok("subnet", "eui64", "08:00:27:e2:65:b0", "--prefix", "2001:db8:1::/64").out());
    }

    @Test
    void badInputs() {
        badInput("'300.1.1.1' is not an IPv4 address: octet 300 is over 255", "subnet", "300.1.1.1");
        badInput("prefix length /33 is out of range", "subnet", "10.0.0.0/33");
        badInput("'255.0.255.0' is not a valid netmask: its one bits are not contiguous", "subnet", "10.0.0.1", "255.0.255.0");
        badInput("'2600::c::d' is not an IPv6 address: '::' may appear only once", "subnet", "2600::c::d");
        badInput("range 10.0.0.9-10.0.0.1 is reversed", "subnet", "range", "10.0.0.9-10.0.0.1");
        badInput("--prefix 8 is out of range: use 16..32", "subnet", "split", "10.0.0.0/16", "--prefix", "8");
        badInput("--prefix 33 is out of range: use 16..32", "subnet", "split", "10.0.0.0/16", "--prefix", "33");
        badInput("'00:0c:29:04:23' is not a MAC address: it has 5 bytes, a MAC has 6", "subnet", "eui64", "00:0c:29:04:23");
        badInput("Unknown option: '--frobnicate'", "subnet", "--frobnicate", "10.0.0.0/8");
        badInput("Unknown option: '--frobnicate'", "subnet", "split", "--frobnicate", "10.0.0.0/8");
        badInput("give an address", "subnet");
        badInput("'4294967296' is not an IPv4 address: as one number it is over 4294967295", "subnet", "4294967296");
        badInput("'0x1c633640a' is not an IPv4 address: as one number it is over", "subnet", "contains", "0.0.0.0/0",
                "0x1c633640a");
        badInput("give exactly one of --prefix N or --hosts", "subnet", "split", "10.0.0.0/8");
        badInput("need 96 addresses but 192.168.1.0/26 has only 64", "subnet", "split", "192.168.1.0/26", "--hosts", "50,20");
    }

    @Test
    void badMergeLineIsUsageError() {
        Subnet.Merge.stdin = new ByteArrayInputStream("10.0.0.0/8\nbogus\n".getBytes(StandardCharsets.US_ASCII));
        badInput("line 2:", "subnet", "merge");
    }

    @Test
    void helpListsSubcommands() {
        String out = ok("help", "subnet").out();
        for (String sub : new String[] {"split", "merge", "range", "contains", "eui64"}) {
            assertTrue(out.contains("  " + sub), sub + "\n" + out);
        }
    }

    /**
     * The plain view (issue 17 retired its second parser, Subnet.quick): picocli hands the words to the info view
     * as they are, and what is not a plain view (an option, a bad address, a subcommand) does not print it.
     */
    @Test
    void plainViewIsTheInfoOfItsWords() {
        for (String[] args : new String[][] {{"subnet", "10.0.0.0/8"}, {"subnet", "192.0.2.130", "255.255.255.192"},
                {"subnet", "2001:db8::1/64"}, {"subnet", "198.51.100.10"}, {"subnet", "ff02::1"}}) {
            StringWriter view = new StringWriter();
            PrintWriter w = new PrintWriter(view);
            SubnetRenderer.text(SubnetInfo.of(Subnet.parseInfoArgs(List.of(args).subList(1, args.length))), false, w);
            w.flush();
            assertEquals(ok(args).out(), view.toString(), String.join(" ", args));
        }
        for (String[] args : new String[][] {{"subnet", "--json", "10.0.0.0/8"}, {"subnet", "300.1.1.1"},
                {"subnet", "split", "10.0.0.0/8"}, {"subnet"}, {"subnet", "help"}, {"sockets", "10.0.0.0/8"},
                {"subnet", "1.2.3.4/8", "255.0.0.0"}}) {
            StringWriter out = new StringWriter();
            Netkit.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
            assertFalse(out.toString().contains("Netmask:"), String.join(" ", args) + "\n" + out);
        }
    }
}
