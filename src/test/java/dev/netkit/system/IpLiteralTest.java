package dev.netkit.system;

import dev.netkit.address.Cidr;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address literals (never a DNS lookup) and prefixes. */
class IpLiteralTest {
    @Test
    void rfc5952Text() {
        assertEquals("2001:db8::1:0:0:1", IpLiteral.format(IpLiteral.parse("2001:db8:0:0:1:0:0:1", "t")));
        assertEquals("2001:db8:0:1::1", IpLiteral.format(IpLiteral.parse("2001:db8:0:1:0:0:0:1", "t")));
        assertEquals("::", IpLiteral.format(IpLiteral.byBytes(new byte[16])));
        assertEquals("::1", IpLiteral.format(IpLiteral.parse("0:0:0:0:0:0:0:1", "t")));
        assertEquals("2001:db8:1:2:3:4:5:0", IpLiteral.format(IpLiteral.parse("2001:db8:1:2:3:4:5:0", "t")));
        assertEquals("fe80::6e:6bff:fe01:a", IpLiteral.format(IpLiteral.parse("FE80::6E:6BFF:FE01:A", "t")));
    }

    @Test
    void mappedAddressesStayIpv6() {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        b[12] = (byte) 198;
        b[13] = 18;
        b[14] = 1;
        b[15] = 10;
        assertEquals("::ffff:198.18.1.10", IpLiteral.format(IpLiteral.byBytes(b)));
        assertTrue(IpLiteral.isV6(IpLiteral.byBytes(b)));
    }

    @Test
    void namesAndBadLiteralsAreNotAddresses() {
        assertNull(IpLiteral.parseOrNull("localhost"));
        assertNull(IpLiteral.parseOrNull("server.netkit.test"));
        assertNull(IpLiteral.parseOrNull("198.18.1.256"));
        assertNull(IpLiteral.parseOrNull("198.18.1"));
        assertNull(IpLiteral.parseOrNull("2001:db8:::1"));
        assertNull(IpLiteral.parseOrNull(""));
        NetkitException e = assertThrows(NetkitException.class, () -> IpLiteral.parse("www", "route get"));
        assertEquals(2, e.exitCode());
    }

    @Test
    void prefixes() {
        Cidr p = Cidr.parseRoute("198.18.10.0/255.255.255.0", false);
        assertEquals(24, p.prefix());
        assertTrue(p.contains(IpLiteral.parse("198.18.10.200", "t")));
        assertFalse(p.contains(IpLiteral.parse("198.18.11.1", "t")));
        assertFalse(p.contains(IpLiteral.parse("2001:db8::1", "t")));
        assertEquals("198.18.1.0/25", Cidr.parseRoute("198.18.1.77/25", false).normalized().toString());
        assertEquals("::/0", Cidr.parseRoute("default", true).toString());
        assertEquals("default", Cidr.parseRoute("default", false).routeText());
        assertEquals("198.18.1.1", Cidr.parseRoute("198.18.1.1", false).routeText());
        assertTrue(Cidr.parseRoute("2001:db8::/32", true).contains(IpLiteral.parse("2001:db8:10::10", "t")));
        assertFalse(Cidr.parseRoute("2001:db8::/33", true).contains(IpLiteral.parse("2001:db8:8000::1", "t")));
        assertEquals(2, assertThrows(NetkitException.class, () -> Cidr.parseRoute("198.18.1.0/33", false)).exitCode());
        assertEquals(2, assertThrows(NetkitException.class, () -> Cidr.parseRoute("198.18.1.0/x", false)).exitCode());
    }
}
