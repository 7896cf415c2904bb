package dev.netkit.system;

import dev.netkit.route.RouteTableFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route choice on tables recorded by src/test/resources/iproute/record.sh, checked against what
 * 'ip -j route get' answered in the same namespace (get.txt).
 */
class RouteLookupTest {
    static final Path DIR = Path.of("src/test/resources/iproute");

    static RouteLookup lookup(boolean v6) throws IOException {
        List<RouteEntry> routes = new ArrayList<>();
        routes.addAll(RecordedIp.routes(IpJson.parseArray(Files.readString(DIR.resolve("route4.json"))), false));
        routes.addAll(RecordedIp.routes(IpJson.parseArray(Files.readString(DIR.resolve("route6.json"))), true));
        List<String> tables = RecordedIp.rules(IpJson.parseArray(Files.readString(DIR.resolve("rule.json"))));
        List<NetInterface> ifaces = RecordedIp.interfaces(IpJson.parseArray(Files.readString(DIR.resolve("addr.json"))));
        return new RouteLookup(routes, tables, ifaces);
    }

    @Test
    void everyRecordedAnswerOfIpRouteGet() throws IOException {
        int checked = 0;
        for (String line : Files.readAllLines(DIR.resolve("get.txt"))) {
            String addr = line.substring(0, line.indexOf(' '));
            String answer = line.substring(line.indexOf(' ') + 1);
            if (!answer.startsWith("[")) {
                continue;
            }
            Map<String, Object> ip = IpJson.parseArray(answer).get(0);
            RouteDecision d = lookup(addr.contains(":")).lookup(IpLiteral.parse(addr, "test"));
            String where = addr + ": ip said " + answer;
            assertEquals(ip.get("dev"), d.dev(), where);
            assertEquals(ip.get("gateway"), d.winner().gateway() == null ? null : IpLiteral.format(d.winner().gateway()), where);
            assertEquals(ip.get("prefsrc"), IpLiteral.format(d.src()), where);
            assertEquals(ip.getOrDefault("type", "unicast"), d.winner().type(), where);
            checked++;
        }
        assertEquals(13, checked);
    }

    @Test
    void longerPrefixBeatsLowerMetric() throws IOException {
        RouteDecision d = lookup(false).lookup(IpLiteral.parse("198.18.10.200", "t"));
        assertEquals("198.18.10.128/25", d.winner().dst().toString());
        List<String> why = d.candidates().stream().map(c -> c.route().dst() + " " + c.route().metric() + ": " + c.why()).toList();
        assertEquals(List.of(
                "0.0.0.0/0 0: shorter prefix /0 < /25",
                "198.18.10.0/24 100: shorter prefix /24 < /25",
                "198.18.10.0/24 200: shorter prefix /24 < /25",
                "198.18.10.128/25 0: longest prefix /25"), why);
    }

    @Test
    void equalPrefixLowerMetricWins() throws IOException {
        RouteDecision d = lookup(false).lookup(IpLiteral.parse("198.18.10.10", "t"));
        assertEquals(100, d.winner().metric());
        assertEquals("198.18.1.1", IpLiteral.format(d.nextHop()));
        RouteDecision.Candidate loser = d.candidates().stream().filter(c -> c.route().metric() == 200).findFirst().orElseThrow();
        assertFalse(loser.wins());
        assertEquals("same prefix /24, higher metric 200 > 100", loser.why());
    }

    @Test
    void unreachableRouteRejects() throws IOException {
        RouteDecision d = lookup(false).lookup(IpLiteral.parse("198.18.99.1", "t"));
        assertTrue(d.winner().rejects());
        assertNull(d.src());
    }

    @Test
    void noMatchWithoutDefault() {
        RouteEntry only = RouteTableFile.parse("198.18.1.0/24 dev eth0", "t").get(0);
        RouteDecision d = new RouteLookup(List.of(only), List.of("main"), List.of()).lookup(IpLiteral.parse("198.18.2.1", "t"));
        assertNull(d.winner());
        assertTrue(d.candidates().isEmpty());
    }

    @Test
    void commonPrefixBits() {
        assertEquals(127, RouteLookup.commonPrefix(IpLiteral.parse("2001:db8:1::10", "t"), IpLiteral.parse("2001:db8:1::11", "t")));
        assertEquals(7, RouteLookup.commonPrefix(IpLiteral.parse("128.0.0.0", "t"), IpLiteral.parse("129.0.0.0", "t")));
    }

    @Test
    void anOutgoingDeviceLimitsTheChoiceAsOifDoes() throws IOException {
        RouteDecision d = lookup(false).lookup(IpLiteral.parse("198.18.10.10", "t"), "eth1");
        assertEquals("eth1", d.dev());
        assertEquals("198.18.20.1", IpLiteral.format(d.nextHop()));
        assertEquals("198.18.20.2", IpLiteral.format(d.src()));
        // no route of eth1 reaches it: on eth1's link, as the kernel assumes for oif
        RouteDecision onLink = lookup(false).lookup(IpLiteral.parse("198.18.77.5", "t"), "eth1");
        assertNull(onLink.winner());
        assertEquals("eth1", onLink.dev());
        assertEquals("198.18.77.5", IpLiteral.format(onLink.nextHop()));
    }

    @Test
    void onlyEthernetLinksHaveAMacForFrames() throws IOException {
        assertEquals("3a:8c:e3:35:8c:35", lookup(false).ethernetMac("eth0").toString());
        assertEquals(dev.netkit.packet.MacAddress.ZERO, lookup(false).ethernetMac("lo"));
        assertEquals(dev.netkit.packet.MacAddress.ZERO, lookup(false).ethernetMac("nonesuch"));
        assertEquals(1500, lookup(false).mtu("eth0"));
        assertEquals(65536, lookup(false).mtu("lo"));
    }
}
