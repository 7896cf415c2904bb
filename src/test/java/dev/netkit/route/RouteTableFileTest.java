package dev.netkit.route;

import dev.netkit.system.RouteDecision;
import dev.netkit.system.RouteLookup;
import dev.netkit.NetkitException;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.RouteEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Teaching mode: route choice in a table written in a file (docs/examples/routes.txt). */
class RouteTableFileTest {
    static RouteDecision get(String addr) throws IOException {
        List<RouteEntry> routes = RouteTableFile.parse(Files.readString(Path.of("docs/examples/routes.txt")), "routes.txt");
        return new RouteLookup(routes, List.of("main"), List.of()).lookup(IpLiteral.parse(addr, "t"));
    }

    @Test
    void exampleTableAnswers() throws IOException {
        // on the LAN: the connected route, its src
        RouteDecision lan = get("198.18.1.77");
        assertEquals("198.18.1.0/24", lan.winner().dst().toString());
        assertEquals("198.18.1.77", IpLiteral.format(lan.nextHop()));
        assertEquals("198.18.1.10", IpLiteral.format(lan.src()));
        // /24 twice: metric 10 beats 20
        RouteDecision metric = get("198.18.10.20");
        assertEquals("198.18.1.254", IpLiteral.format(metric.nextHop()));
        assertEquals("198.18.1.10", IpLiteral.format(metric.src()));
        assertEquals("the src of the directly attached route that reaches the next hop", metric.srcWhy());
        // /25 beats both /24
        assertEquals("198.18.10.128/25", get("198.18.10.200").winner().dst().toString());
        // netmask written dotted: 198.18.0.0/255.255.0.0 is /16
        assertEquals(16, get("198.18.77.1").winner().dst().prefix());
        assertEquals(0, get("203.0.113.1").winner().dst().prefix());
        assertEquals(6, get("198.18.10.200").candidates().size() + 1);
    }

    @Test
    void hostBitsAreCleared() {
        RouteEntry r = RouteTableFile.parse("198.18.1.77/24 dev eth0", "t").get(0);
        assertEquals("198.18.1.0/24", r.dst().toString());
        assertEquals("H", RouteTableFile.parse("198.18.1.77 via 198.18.1.1", "t").get(0).routeFlags().replace("U", "").replace("G", ""));
    }

    @Test
    void ipv6Table() {
        List<RouteEntry> t = RouteTableFile.parse("2001:db8:1::/64 dev eth0\ndefault via 2001:db8:1::1\n", "t");
        RouteDecision d = new RouteLookup(t, List.of("main"), List.of()).lookup(IpLiteral.parse("2001:db8:10::10", "t"));
        assertEquals("2001:db8:1::1", IpLiteral.format(d.nextHop()));
    }

    @Test
    void errorsNameTheLine() {
        NetkitException e = assertThrows(NetkitException.class, () -> RouteTableFile.parse("\n198.18.1.0/33 dev eth0", "f.txt"));
        assertTrue(e.getMessage().startsWith("f.txt line 2: "), e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouteTableFile.parse("198.18.1.0/24 via 1.2.3", "f.txt"));
        assertEquals("f.txt line 1: gateway '1.2.3' is not an IP address", e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouteTableFile.parse("198.18.1.0/24 metric", "f.txt"));
        assertTrue(e.getMessage().contains("'metric' needs a value"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouteTableFile.parse("198.18.1.0/24", "f.txt"));
        assertTrue(e.getMessage().contains("needs 'via GATEWAY' or 'dev INTERFACE'"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouteTableFile.parse("10.0.0.0/255.0.255.0 dev x", "f.txt"));
        assertTrue(e.getMessage().contains("not contiguous"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouteTableFile.parse("# nothing\n", "f.txt"));
        assertEquals("f.txt has no routes", e.getMessage());
    }
}
