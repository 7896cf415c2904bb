package dev.netkit.subnet;

import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeAndEui64Test {

    static List<String> merge(String... cidrs) {
        CidrMerger m = new CidrMerger();
        for (String c : cidrs) {
            m.add(Cidr.parse(c));
        }
        return m.merge().all().stream().map(Cidr::toString).toList();
    }

    @Test
    void mergesSiblingsAndDropsCovered() {
        assertEquals(List.of("10.0.0.0/23"), merge("10.0.1.0/24", "10.0.0.0/25", "10.0.0.128/25", "10.0.0.5/32"));
        assertEquals(List.of("10.0.0.0/24", "10.0.2.0/24"), merge("10.0.2.0/24", "10.0.0.0/24"));
        // Adjacent but not aligned: 10.0.1.0/24 + 10.0.2.0/24 cannot become one prefix.
        assertEquals(List.of("10.0.1.0/24", "10.0.2.0/24"), merge("10.0.1.0/24", "10.0.2.0/24"));
        assertEquals(List.of("0.0.0.0/0"), merge("0.0.0.0/1", "128.0.0.0/1"));
    }

    @Test
    void mergesIpv6AndSortsIpv4First() {
        assertEquals(List.of("192.0.2.0/24", "2001:db8::/32"),
                merge("2001:db8:8000::/33", "192.0.2.0/25", "2001:db8::/33", "192.0.2.128/25"));
    }

    @Test
    void hostBitsAreCleared() {
        assertEquals(List.of("10.0.0.0/8"), merge("10.1.2.3/8"));
    }

    @Test
    void readsLinesWithCommentsAndBlanks() {
        CidrMerger m = new CidrMerger();
        m.addLines(new ByteArrayInputStream(
                "# list\n198.18.0.0/25\r\n\n  198.18.0.128/25  # second half\n2001:db8::1\n198.18.1.7".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of("198.18.0.0/24", "198.18.1.7/32", "2001:db8::1/128"),
                m.merge().all().stream().map(Cidr::toString).toList());
    }

    @Test
    void badLineNamesItsNumber() {
        CidrMerger m = new CidrMerger();
        NetkitException e = assertThrows(NetkitException.class,
                () -> m.addLines(new ByteArrayInputStream("10.0.0.0/8\n10.0.0.0/33\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("line 2: prefix length /33"), e.getMessage());
    }

    /** The merged list covers exactly the input addresses, checked against a bitmap of a small space. */
    @Test
    void randomMergeCoversExactlyTheInput() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            boolean[] wanted = new boolean[1 << 12];
            CidrMerger m = new CidrMerger();
            for (int k = 0; k < 40; k++) {
                int prefix = 20 + random.nextInt(13);
                long start = (0x0a000000L + random.nextInt(1 << 12)) & (0xffffffffL << (32 - prefix));
                m.add(new Cidr(IpAddress.v4(start), prefix));
                for (long a = start; a < start + (1L << (32 - prefix)); a++) {
                    wanted[(int) (a - 0x0a000000L)] = true;
                }
            }
            boolean[] got = new boolean[1 << 12];
            List<Cidr> out = m.merge().all();
            for (int k = 0; k < out.size(); k++) {
                Cidr c = out.get(k);
                if (k > 0) {
                    assertTrue(out.get(k - 1).last().compareTo(c.network()) < 0, "sorted and disjoint");
                }
                long start = c.network().lo();
                for (long a = start; a < start + (1L << (32 - c.prefix())); a++) {
                    got[(int) (a - 0x0a000000L)] = true;
                }
            }
            for (int a = 0; a < wanted.length; a++) {
                assertEquals(wanted[a], got[a], "address offset " + a);
            }
            // Minimal: no two neighbours in the output could be joined into one prefix.
            for (int k = 1; k < out.size(); k++) {
                Cidr a = out.get(k - 1);
                Cidr b = out.get(k);
                boolean siblings = a.prefix() == b.prefix() && a.prefix() > 0
                        && new Cidr(a.network(), a.prefix() - 1).normalized().network().equals(a.network())
                        && a.last().plus(1).equals(b.network());
                assertTrue(!siblings, a + " and " + b + " should have merged");
            }
        }
    }

    @Test
    void shuffledInputGivesTheSameOutput() {
        List<String> in = new ArrayList<>(List.of("198.18.0.0/26", "198.18.0.64/26", "198.18.0.128/25", "198.18.1.0/24",
                "198.18.3.0/24", "2001:db8:1::/48", "2001:db8::/48"));
        List<String> first = merge(in.toArray(String[]::new));
        Collections.shuffle(in, new Random(3));
        assertEquals(first, merge(in.toArray(String[]::new)));
        assertEquals(List.of("198.18.0.0/23", "198.18.3.0/24", "2001:db8::/47"), first);
    }

    @Test
    void eui64Vectors() {
        Cidr ll = Cidr.parse("fe80::/64");
        assertEquals("fe80::20c:29ff:fe04:234c", Eui64.address(MacAddress.parse("00:0c:29:04:23:4c"), ll).toString());
        assertEquals("fe80::d6ca:6dff:fe1a:dc68", Eui64.address(MacAddress.parse("d4:ca:6d:1a:dc:68"), ll).toString());
        assertEquals("fe80::a00:27ff:fee2:65b0", Eui64.address(MacAddress.parse("08:00:27:e2:65:b0"), ll).toString());
    }

    @Test
    void macForms() {
        long v = MacAddress.parse("00:0c:29:04:23:4c").value();
        assertEquals(v, MacAddress.parse("00-0C-29-04-23-4C").value());
        assertEquals(v, MacAddress.parse("000c.2904.234c").value());
        assertEquals("00:0c:29:04:23:4c", MacAddress.parse("000c.2904.234c").toString());
    }

    @Test
    void eui64WithGlobalPrefix() {
        assertEquals("2001:db8:1:0:20c:29ff:fe04:234c",
                Eui64.address(MacAddress.parse("00:0c:29:04:23:4c"), Cidr.parse("2001:db8:1::/64")).toString());
    }

    @Test
    void badMacsAreRejected() {
        for (String[] c : new String[][] {{"00:0c:29:04:23", "5 bytes"}, {"000c.2904", "4 bytes"},
                {"00:0c:29:04:23:4g", "not a hex digit"}, {"000c29", "write it as"}, {"00:0c:29:04:23:4c:00", "7 bytes"}}) {
            NetkitException e = assertThrows(NetkitException.class, () -> Eui64.parseMac(c[0]));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        NetkitException e = assertThrows(NetkitException.class,
                () -> Eui64.address(MacAddress.parse("00:0c:29:04:23:4c"), Cidr.parse("2001:db8::/96")));
        assertTrue(e.getMessage().contains("longer than /64"), e.getMessage());
    }
}
