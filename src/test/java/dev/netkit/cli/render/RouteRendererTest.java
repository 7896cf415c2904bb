package dev.netkit.cli.render;

import dev.netkit.address.Cidr;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.RouteEntry;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** netkit route's table and JSON for a multipath (ECMP) route beside single-path ones. */
class RouteRendererTest {
    /** ip route: "198.18.99.0/24 \n\tnexthop via 198.18.91.2 dev x1 weight 1 \n\tnexthop via 198.18.92.2 dev x2 weight 3". */
    private static final RouteEntry MULTIPATH = new RouteEntry("unicast", Cidr.parse("198.18.99.0/24"),
            IpLiteral.parseOrNull("198.18.91.2"), "x1", 0, null, "main", null, "global", List.of(), List.of(
            new RouteEntry.NextHop(IpLiteral.parseOrNull("198.18.91.2"), "x1", 1, List.of()),
            new RouteEntry.NextHop(IpLiteral.parseOrNull("198.18.92.2"), "x2", 3, List.of("linkdown"))));
    private static final RouteEntry DEFAULT = new RouteEntry("unicast", Cidr.parse("0.0.0.0/0"),
            IpLiteral.parseOrNull("198.18.91.2"), "x1", 0, null, "main", null, "global", List.of());
    private static final RouteEntry ATTACHED = new RouteEntry("unicast", Cidr.parse("198.18.91.0/24"), null, "x1", 0,
            IpLiteral.parseOrNull("198.18.91.1"), "main", "kernel", "link", List.of());

    private static String table(List<RouteEntry> routes, boolean all) {
        StringWriter s = new StringWriter();
        new RouteRenderer(false).table(new PrintWriter(s, true), routes, all);
        return s.toString();
    }

    private static String json(List<RouteEntry> routes) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s, true);
        RouteRenderer.tableJson(out, routes);
        out.flush();
        return s.toString();
    }

    @Test
    void tableListsEveryNextHopUnderTheRoute() {
        assertEquals("""
                Destination     Gateway      Iface  Metric  Source       Flags  Proto
                default         198.18.91.2  x1     0       -            UG     -
                198.18.91.0/24  -            x1     0       198.18.91.1  U      kernel
                198.18.99.0/24  -            -      0       -            UG     -
                  nexthop       198.18.91.2  x1     weight 1
                  nexthop       198.18.92.2  x2     weight 3 linkdown
                """, table(List.of(DEFAULT, ATTACHED, MULTIPATH), false));
        assertEquals("""
                Destination     Gateway      Iface  Metric  Source       Flags  Proto   Type     Table
                198.18.99.0/24  -            -      0       -            UG     -       unicast  main
                  nexthop       198.18.91.2  x1     weight 1
                  nexthop       198.18.92.2  x2     weight 3 linkdown
                198.18.91.0/24  -            x1     0       198.18.91.1  U      kernel  unicast  main
                """, table(List.of(MULTIPATH, ATTACHED), true));
    }

    @Test
    void singlePathTableIsUnchanged() {
        assertEquals("""
                Destination     Gateway      Iface  Metric  Source       Flags  Proto
                default         198.18.91.2  x1     0       -            UG     -
                198.18.91.0/24  -            x1     0       198.18.91.1  U      kernel
                """, table(List.of(DEFAULT, ATTACHED), false));
    }

    @Test
    void jsonHasANextHopsArrayAsIpDoes() {
        assertEquals("""
                {"type":"route_entry","dst":"198.18.99.0/24","prefix":24,"metric":0,"route_type":"unicast","table":"main","scope":"global","flags":"UG","nexthops":[{"gateway":"198.18.91.2","dev":"x1","weight":1,"flags":[]},{"gateway":"198.18.92.2","dev":"x2","weight":3,"flags":["linkdown"]}]}
                {"type":"route_entry","dst":"0.0.0.0/0","prefix":0,"gateway":"198.18.91.2","dev":"x1","metric":0,"route_type":"unicast","table":"main","scope":"global","flags":"UG"}
                """, json(List.of(MULTIPATH, DEFAULT)));
    }
}
