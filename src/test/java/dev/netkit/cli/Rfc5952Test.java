package dev.netkit.cli;

import dev.netkit.cli.render.PingRenderer;
import dev.netkit.cli.render.SocketJsonRenderer;
import dev.netkit.cli.render.SocketTextRenderer;
import dev.netkit.cli.render.TraceFlowsRenderer;
import dev.netkit.cli.render.TraceRenderer;
import dev.netkit.dns.RecordText;
import dev.netkit.ping.PingEvent;
import dev.netkit.ping.PingTarget;
import dev.netkit.ping.RttStatistics;
import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.ReplyKind;
import dev.netkit.registry.Asn;
import dev.netkit.sniff.print.AddressText;
import dev.netkit.address.IpAddress;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Services;
import dev.netkit.system.SocketEntry;
import dev.netkit.system.SocketState;
import dev.netkit.trace.TraceHop;
import dev.netkit.trace.TraceProbe;
import dev.netkit.trace.TraceResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every IPv6 address netkit prints is in RFC 5952's form (issue 21: sniff --stats printed ::1 as 0:0:0:0:0:0:0:1).
 * Three checks: every formatter in the code base writes RFC 5952 section 4's examples alike; the renderers, given
 * events with ::1 and 2001:db8:0:0:1:0:0:1, print no IPv6 text that differs from its RFC 5952 form; and no main
 * source formats an address with Java's getHostAddress() (its IPv6 form is 0:0:0:0:0:0:0:1) except where the
 * address is IPv4 by construction.
 */
class Rfc5952Test {
    private static final InetAddress LOOPBACK = ip("::1");
    private static final InetAddress SPARSE = ip("2001:db8:0:0:1:0:0:1");
    /** A run of hex digits, colons and dots with at least two colons: an IPv6 literal as printed. */
    private static final Pattern V6 = Pattern.compile("(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
            + "(?::\\d{1,3}(?:\\.\\d{1,3}){3})?(?![0-9A-Za-z:])");

    private static InetAddress ip(String s) {
        return IpLiteral.parseOrNull(s);
    }

    /** RFC 5952 section 4 (and 5 for the mapped form): each written form and its one canonical text. */
    private static final String[][] VECTORS = {
            {"::1", "::1"},
            {"0:0:0:0:0:0:0:1", "::1"},
            {"::", "::"},
            {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},          // 4.2.3: the first of two equal runs
            {"2001:0db8:0:0:0:0:2:1", "2001:db8::2:1"},             // 4.1: no leading zeros
            {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},       // 4.2.2: one 0 group is not shortened
            {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},                // 4.2.3: the longest run
            {"2001:DB8::AB:CD", "2001:db8::ab:cd"},                 // 4.3: lower case
            {"fe80:0:0:0:6e:6bff:fe01:a", "fe80::6e:6bff:fe01:a"},
    };

    @Test
    void everyFormatterWritesTheSameCanonicalText() {
        for (String[] v : VECTORS) {
            InetAddress a = ip(v[0]);
            assertEquals(v[1], IpLiteral.format(a), v[0]);
            assertEquals(v[1], AddressText.ip(a), "sniff's AddressText: " + v[0]);
            assertEquals(v[1], RecordText.ipv6(a.getAddress()), "dns RecordText: " + v[0]);
            assertEquals(v[1], IpAddress.parse(v[0]).toString(), "subnet IpAddress: " + v[0]);
            assertEquals(v[1], dev.netkit.registry.RegistryQuery.text(a), "registry: " + v[0]);
            assertEquals(v[1], new dev.netkit.nc.Endpoint(null, a, 1).addressText(), "nc: " + v[0]);
        }
    }

    /** Every IPv6 literal in {@code text} is already in its RFC 5952 form. */
    private static void assertCanonical(String what, String text) {
        Matcher m = V6.matcher(text);
        int seen = 0;
        while (m.find()) {
            InetAddress a = ip(m.group());
            if (a == null) {
                continue; // a time such as 11:38:15 is not an address
            }
            seen++;
            String printed = m.group();
            if (!IpLiteral.format(a).equals(printed) && printed.lastIndexOf(':') > 0) {
                // netstat's ADDRESS:PORT without brackets: the address is what precedes the last colon
                String address = printed.substring(0, printed.lastIndexOf(':'));
                if (ip(address) != null && IpLiteral.format(ip(address)).equals(address)) {
                    continue;
                }
            }
            assertEquals(IpLiteral.format(a), printed, what + " printed a non-RFC 5952 address in:\n" + text);
        }
        assertTrue(seen > 0, what + " printed no IPv6 address:\n" + text);
        assertTrue(text.contains("2001:db8::1:0:0:1") || text.contains("::1"), what + ":\n" + text);
    }

    private static String render(Consumer<PrintWriter> r) {
        StringWriter w = new StringWriter();
        PrintWriter p = new PrintWriter(w);
        r.accept(p);
        p.flush();
        return w.toString();
    }

    private static List<PingEvent> pingEvents(InetAddress a) {
        PingTarget t = new PingTarget(IpLiteral.format(a), a);
        RttStatistics rtt = new RttStatistics();
        rtt.add(107);
        PingEvent.Summary s = new PingEvent.Summary(t, 2, 1, 0, 1, 1000, rtt);
        return List.of(new PingEvent.Start(t, 56, 104), new PingEvent.Transmit(t, 1),
                new PingEvent.Answer(t, a, ReplyKind.ECHO_REPLY, 1, 64, 64, 107, false, 0),
                new PingEvent.Transmit(t, 2),
                new PingEvent.Error(t, SPARSE, 2, ReplyKind.UNREACHABLE, 1, 3, 0, 0),
                s, PingEvent.Totals.of(List.of(s)));
    }

    @Test
    void pingRenderers() {
        for (InetAddress a : List.of(LOOPBACK, SPARSE)) {
            List<PingEvent> events = pingEvents(a);
            assertCanonical("ping", render(o -> events.forEach(
                    new PingRenderer.Iputils(o, null, false, false, false, false, ProbeMethod.ICMP, 0))));
            assertCanonical("ping (fping)", render(o -> events.forEach(
                    new PingRenderer.Fping(o, true, false, false, false, true))));
            assertCanonical("ping --json", render(o -> events.forEach(new PingRenderer.Json(o, false, false, true))));
        }
    }

    @Test
    void traceRenderers() {
        for (InetAddress a : List.of(LOOPBACK, SPARSE)) {
            TraceHop hop = new TraceHop(1, List.of(new TraceProbe(1, 0, SPARSE, 100, ReplyKind.TIME_EXCEEDED, 3, 0, 0),
                    new TraceProbe(1, 1, a, 100, ReplyKind.UNREACHABLE, 1, 4, 0)));
            TraceResult result = new TraceResult(IpLiteral.format(a), a, List.of(hop), true, 0);
            java.util.function.Function<InetAddress, Asn> asn = x -> Asn.none("private");
            List<java.util.function.Function<PrintWriter, TraceRenderer>> kinds = List.of(
                    o -> new TraceRenderer.Text(o, null, asn), o -> new TraceRenderer.Json(o, null, asn),
                    o -> new TraceRenderer.Csv(o, null, asn));
            for (var kind : kinds) {
                String text = render(o -> {
                    TraceRenderer r = kind.apply(o);
                    r.start(IpLiteral.format(a), a, 30, 80);
                    r.hop(IpLiteral.format(a), a, hop);
                    r.finish(result, 1.0);
                });
                assertCanonical("trace " + kind, text);
            }
        }
    }

    @Test
    void socketRenderers() {
        List<SocketEntry> sockets = List.of(
                new SocketEntry("tcp", true, SocketState.LISTEN, LOOPBACK, 22, ip("::"), 0, 0, 0,
                        SocketEntry.Timer.OFF, 0, 0, 0, 1, null, null, List.of()),
                new SocketEntry("tcp", true, SocketState.ESTABLISHED, SPARSE, 22, LOOPBACK, 40000, 0, 0,
                        SocketEntry.Timer.OFF, 0, 0, 0, 2, null, null, List.of()));
        SocketTextRenderer text = new SocketTextRenderer(new Services(""), true, false, false, false, false);
        assertCanonical("sockets", render(o -> text.ss(o, sockets, true, true)));
        assertCanonical("sockets (netstat)", render(o -> text.netstat(o, sockets, false)));
        assertCanonical("sockets --json", render(o -> SocketJsonRenderer.sockets(o, sockets, false)));
    }

    /** Files whose getHostAddress() is on an IPv4 address by construction (ARP, dotted-quad paths). */
    private static final Set<String> IPV4_ONLY = Set.of(
            "cli/Arp.java", "packet/ArpMessage.java", "packet/Ipv4Header.java", "packet/Icmpv4Message.java",
            "lab/DnsZones.java", "system/IpPrefix.java", "system/IpLiteral.java", "dns/DnsClient.java");
    /**
     * Not printed: the packet codecs' toString(), which no renderer prints (packet cannot use system's formatter),
     * and the TLS server name dns hands to SSLEngine (an IP literal is no SNI name). Remove a file when it prints.
     */
    private static final Set<String> PENDING = Set.of(
            "packet/Ipv6Header.java", "packet/Icmpv6Message.java", "packet/NdpOption.java", "dns/TlsClient.java");

    @Test
    void noSourceFormatsAnAddressWithJavasOwnText() throws IOException {
        Path root = Path.of("src/main/java/dev/netkit");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = root.relativize(f).toString();
                if (IPV4_ONLY.contains(rel) || PENDING.contains(rel)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(".getHostAddress()")) {
                        offenders.add(rel + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertEquals(List.of(), offenders, "format addresses with IpLiteral.format (RFC 5952)");
    }
}
