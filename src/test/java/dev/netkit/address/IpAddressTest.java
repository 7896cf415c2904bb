package dev.netkit.address;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressTest {

    static void rejected(String text, String why) {
        NetkitException e = assertThrows(NetkitException.class, () -> IpAddress.parse(text));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    /** inet_aton(3)'s one-number form, decimal or hex (the course's 3325256714 and 0xc633640a). */
    @Test
    void ipv4AsOneNumber() {
        assertEquals(IpAddress.parse("198.51.100.10"), IpAddress.parse("3325256714"));
        assertEquals(IpAddress.parse("198.51.100.10"), IpAddress.parse("0xc633640a"));
        assertEquals(IpAddress.parse("198.51.100.10"), IpAddress.parse("0XC633640A"));
        assertEquals("0.0.0.0", IpAddress.parse("0").toString());
        assertEquals("255.255.255.255", IpAddress.parse("4294967295").toString());
        assertEquals("0.0.0.255", IpAddress.parse("0xff").toString());
        rejected("4294967296", "over 4294967295 (0xffffffff)");
        rejected("0x1c633640a", "over 4294967295 (0xffffffff)");
        rejected("0x", "no hex digits after '0x'");
        rejected("0xc6g3", "'g' is not a hex digit");
        rejected("33252x", "'x' is not a decimal digit");
        rejected("012", "leading zero (octal or decimal?): write 12");
    }

    @Test
    void expandedAndCompressedAreTheSameAddress() {
        IpAddress a = IpAddress.parse("2001:0db8:000c:0000:0000:0000:000d:0001");
        assertEquals("2001:db8:c::d:1", a.toString());
        assertEquals("2001:0db8:000c:0000:0000:0000:000d:0001", IpAddress.parse("2001:db8:c::d:1").expanded());
        assertEquals(a, IpAddress.parse("2001:db8:c::d:1"));
    }

    @Test
    void rfc5952Form() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:DB8:0:0:0:0:0:1").toString());
        // The longest zero run is compressed; the first one on a tie; a single zero group is not.
        assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("2001:db8::1:0:0:1", IpAddress.parse("2001:db8:0:0:1:0:0:1").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8::1:1:1:1:1").toString());
        assertEquals("::", IpAddress.parse("0:0:0:0:0:0:0:0").toString());
        assertEquals("::1", IpAddress.parse("0:0:0:0:0:0:0:1").toString());
        assertEquals("fe80::", IpAddress.parse("fe80:0:0:0:0:0:0:0").toString());
        assertEquals("::ffff:192.0.2.1", IpAddress.parse("::ffff:c000:201").toString());
        assertEquals("64:ff9b::c000:201", IpAddress.parse("64:ff9b::192.0.2.1").toString());
    }

    @Test
    void integerAndHex() {
        IpAddress a = IpAddress.parse("198.51.100.10");
        assertEquals(3325256714L, a.toBigInteger().longValueExact());
        assertEquals("0xc633640a", a.hex());
        assertEquals(3405803777L, IpAddress.parse("203.0.113.1").toBigInteger().longValueExact());
    }

    @Test
    void doubleColonTwiceIsRejected() {
        rejected("2600::c::d", "'::' may appear only once");
    }

    @Test
    void badIpv4IsRejected() {
        rejected("300.1.1.1", "octet 300 is over 255");
        rejected("1.2.3", "only 3 octets");
        rejected("1.2.3.4.5", "more than four octets");
        rejected("01.2.3.4", "leading zero");
        rejected("1.2.x.4", "'x'");
    }

    @Test
    void badIpv6IsRejected() {
        rejected("2001:db8:1:2:3:4:5:6:7", "more than eight groups");
        rejected("2001:db8:12345::1", "more than four hex digits");
        rejected("2001:db8::g", "not a hex digit");
        rejected("1:2:3:4:5:6:7", "it has 7 groups");
        rejected("fe80::1%eth0", "zone");
        rejected(":1::2", "empty group");
    }

    @Test
    void maskLength() {
        assertEquals(20, IpAddress.parse("255.255.240.0").maskLength());
        assertEquals(-1, IpAddress.parse("255.0.255.0").maskLength());
        assertEquals(64, IpAddress.mask(6, 64).maskLength());
        assertEquals("ffff:ffff:ffff:ffff::", IpAddress.mask(6, 64).toString());
    }

    /** Every address prints in a form that parses back to itself, compressed and expanded. */
    @Test
    void randomRoundTrips() {
        Random r = new Random(11);
        for (int i = 0; i < 20000; i++) {
            // Mostly zero groups, so that compression is exercised.
            long hi = 0;
            long lo = 0;
            for (int g = 0; g < 4; g++) {
                hi = (hi << 16) | (r.nextInt(3) == 0 ? r.nextInt(0x10000) : 0);
                lo = (lo << 16) | (r.nextInt(3) == 0 ? r.nextInt(0x10000) : 0);
            }
            IpAddress a = IpAddress.v6(hi, lo);
            assertEquals(a, IpAddress.parse(a.toString()), a.expanded());
            assertEquals(a, IpAddress.parse(a.expanded()));
            assertTrue(a.toString().indexOf("::") == a.toString().lastIndexOf("::"), a.toString());
            IpAddress v4 = IpAddress.v4(r.nextLong() & 0xffffffffL);
            assertEquals(v4, IpAddress.parse(v4.toString()));
        }
    }

    /** Garbage never escapes as anything but a usage error. */
    @Test
    void randomJunkIsAUsageErrorOrAnAddress() {
        Random r = new Random(5);
        String alphabet = "0123456789abcdefABCDEFxg:.:/%- ";
        for (int i = 0; i < 50000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(20);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = b.toString();
            try {
                Cidr c = Cidr.parse(text);
                assertEquals(c, Cidr.parse(c.toString()), text);
            } catch (NetkitException e) {
                assertEquals(ExitCode.USAGE, e.exitCode(), text);
                assertTrue(!e.getMessage().isEmpty() && e.getMessage().indexOf('\n') < 0, e.getMessage());
            }
        }
    }

    @Test
    void samePrefixAgreesWithTheMaskedAddresses() {
        Random r = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            boolean v4 = i % 2 == 0;
            IpAddress a = v4 ? IpAddress.v4(r.nextLong()) : IpAddress.v6(r.nextLong(), r.nextLong());
            int prefix = r.nextInt(a.bits() + 1);
            // b shares a's first bits up to a random point, around the prefix
            int shared = Math.max(0, Math.min(a.bits(), prefix + r.nextInt(5) - 2));
            IpAddress m = IpAddress.mask(a.version(), shared);
            IpAddress noise = v4 ? IpAddress.v4(r.nextLong()) : IpAddress.v6(r.nextLong(), r.nextLong());
            IpAddress b = a.and(m).or(noise.and(m.not()));
            IpAddress p = IpAddress.mask(a.version(), prefix);
            assertEquals(a.and(p).equals(b.and(p)), a.samePrefix(b, prefix), a + " " + b + " /" + prefix);
        }
        assertTrue(IpAddress.parse("198.18.255.254").samePrefix(IpAddress.parse("198.19.0.1"), 15));
        assertTrue(!IpAddress.parse("198.18.255.254").samePrefix(IpAddress.parse("198.20.0.1"), 15));
        assertTrue(IpAddress.parse("2001:db8::1").samePrefix(IpAddress.parse("2001:db8:ffff::"), 32));
        assertTrue(!IpAddress.parse("2001:db8::1").samePrefix(IpAddress.parse("2001:db8::2"), 128));
    }
}
