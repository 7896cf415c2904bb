package dev.netkit.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Iterative resolution as {@code dig +trace} does it: ask a root server, follow each referral to the servers
 * it names (by their glue, or by resolving their names from the root), until a server answers. Every
 * response is emitted as a {@link Step}. Queries go without recursion, to the given port.
 */
public final class Tracer {
    /** Referrals followed at most, so a loop of delegations ends. */
    static final int MAX_STEPS = 30;
    /** How deep name-server names without glue are themselves resolved. */
    static final int MAX_GLUELESS_DEPTH = 3;

    /** One response on the way down: the exchange and the name of the server that sent it. */
    public record Step(DnsExchange exchange, Name serverName, boolean last) {
    }

    private final DnsClient client;
    private final QueryOptions options;
    private final int port;
    private final boolean ipv4Only;
    private final boolean ipv6Only;

    public Tracer(DnsClient client, QueryOptions options, int port, boolean ipv4Only, boolean ipv6Only) {
        this.client = client;
        this.options = options.withRecurse(false);
        this.port = port;
        this.ipv4Only = ipv4Only;
        this.ipv6Only = ipv6Only;
    }

    /**
     * Traces {@code name}/{@code type} from the root hints, emitting the root's NS set first, then each
     * referral, then the final answer.
     *
     * @throws NoServerReachedException when no server of a step answered
     */
    public void trace(Name name, int type, int dclass, RootHints hints, Consumer<Step> steps) {
        Map<Name, List<InetAddress>> servers = filter(hints.servers());
        steps.accept(ask(servers, Name.root, Type.NS, dclass, false));
        iterate(name, type, dclass, servers, steps, 0);
    }

    /** Follows referrals from {@code servers} down; returns the final step. */
    private Step iterate(Name name, int type, int dclass, Map<Name, List<InetAddress>> servers,
                         Consumer<Step> steps, int depth) {
        Name zone = Name.root;
        for (int i = 0; i < MAX_STEPS; i++) {
            Step step = ask(servers, name, type, dclass, false);
            List<NSRecord> referral = referral(step.exchange(), zone);
            if (referral.isEmpty()) {
                Step last = new Step(step.exchange(), step.serverName(), true);
                steps.accept(last);
                return last;
            }
            steps.accept(step);
            zone = referral.get(0).getName();
            servers = nextServers(step.exchange(), referral, dclass, depth);
            if (servers.isEmpty()) {
                throw new NoServerReachedException(List.of("no address for any name server of " + zone), false, 0);
            }
        }
        throw new NoServerReachedException(List.of("more than " + MAX_STEPS + " referrals"), false, 0);
    }

    /** The NS records of a delegation below {@code zone}, when the response is a referral. */
    static List<NSRecord> referral(DnsExchange x, Name zone) {
        if (x.response().getRcode() != Rcode.NOERROR || !x.response().getSection(Section.ANSWER).isEmpty()) {
            return List.of();
        }
        List<NSRecord> out = new ArrayList<>();
        for (Record r : x.response().getSection(Section.AUTHORITY)) {
            if (r instanceof NSRecord ns && r.getName().subdomain(zone) && !r.getName().equals(zone)) {
                out.add(ns);
            }
        }
        return out;
    }

    private Map<Name, List<InetAddress>> nextServers(DnsExchange x, List<NSRecord> referral, int dclass, int depth) {
        Map<Name, List<InetAddress>> next = new LinkedHashMap<>();
        for (NSRecord ns : referral) {
            next.put(ns.getTarget(), new ArrayList<>());
        }
        for (Record r : x.response().getSection(Section.ADDITIONAL)) {
            List<InetAddress> l = next.get(r.getName());
            if (l != null && r instanceof ARecord a) {
                l.add(a.getAddress());
            } else if (l != null && r instanceof AAAARecord a) {
                l.add(a.getAddress());
            }
        }
        next = filter(next);
        if (next.isEmpty() && depth < MAX_GLUELESS_DEPTH) {
            // no glue: resolve the server names themselves, silently
            for (NSRecord ns : referral) {
                List<InetAddress> addrs = resolveQuietly(ns.getTarget(), dclass, depth + 1);
                if (!addrs.isEmpty()) {
                    next.put(ns.getTarget(), addrs);
                }
            }
        }
        return next;
    }

    private Map<Name, List<InetAddress>> roots;

    private List<InetAddress> resolveQuietly(Name host, int dclass, int depth) {
        List<InetAddress> out = new ArrayList<>();
        for (int t : ipv6Only ? new int[] {Type.AAAA} : ipv4Only ? new int[] {Type.A} : new int[] {Type.A, Type.AAAA}) {
            try {
                Step last = iterate(host, t, dclass, roots, s -> { }, depth);
                for (Record r : last.exchange().response().getSection(Section.ANSWER)) {
                    if (r instanceof ARecord a) {
                        out.add(a.getAddress());
                    } else if (r instanceof AAAARecord a) {
                        out.add(a.getAddress());
                    }
                }
            } catch (NoServerReachedException e) {
                // this name server stays unreachable; the others may do
            }
        }
        return out;
    }

    /** Asks the servers in turn until one answers. */
    private Step ask(Map<Name, List<InetAddress>> servers, Name name, int type, int dclass, boolean last) {
        if (roots == null) {
            roots = servers;
        }
        List<String> failures = new ArrayList<>();
        int dropped = 0;
        boolean allTimedOut = true;
        for (Map.Entry<Name, List<InetAddress>> e : servers.entrySet()) {
            for (InetAddress a : e.getValue()) {
                try {
                    DnsExchange x = client.query(name, type, dclass, List.of(new InetSocketAddress(a, port)), options);
                    if (!failures.isEmpty()) {
                        List<String> all = new ArrayList<>(failures);
                        all.addAll(x.failures());
                        x = new DnsExchange(x.query(), x.response(), x.server(), x.transport(), x.queryTimeMs(),
                                x.messageSize(), x.when(), x.truncatedRetry(), x.droppedResponses() + dropped, all);
                    }
                    return new Step(x, e.getKey(), last);
                } catch (NoServerReachedException ex) {
                    failures.addAll(ex.failures());
                    dropped += ex.droppedResponses();
                    allTimedOut &= ex.allTimedOut();
                }
            }
        }
        throw new NoServerReachedException(failures, allTimedOut, dropped);
    }

    private Map<Name, List<InetAddress>> filter(Map<Name, List<InetAddress>> in) {
        Map<Name, List<InetAddress>> out = new LinkedHashMap<>();
        for (Map.Entry<Name, List<InetAddress>> e : in.entrySet()) {
            List<InetAddress> l = e.getValue().stream()
                    .filter(a -> !(ipv4Only && !(a instanceof Inet4Address)) && !(ipv6Only && !(a instanceof Inet6Address)))
                    .sorted(java.util.Comparator.comparing(a -> a instanceof Inet6Address)) // IPv4 first
                    .toList();
            if (!l.isEmpty()) {
                out.put(e.getKey(), l);
            }
        }
        return out;
    }
}
