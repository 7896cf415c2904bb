package dev.netkit.lab;

import dev.netkit.lab.Topology.Bridge;
import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;
import dev.netkit.lab.Topology.Route;

import java.util.List;

/**
 * Turns a topology into the input of iproute2 and nftables: one {@code ip -batch} for the namespaces,
 * one for the veth pairs (created directly inside their namespaces, so the root namespace never sees
 * them), and per host a shell script (sysctls, {@code ip -batch}, {@code nft -f}) run inside its namespace.
 */
public final class NetworkPlan {
    private final Topology topology;
    private final String prefix;

    /** @param prefix the namespace prefix, {@code nk<LAB>-} */
    public NetworkPlan(Topology topology, String prefix) {
        this.topology = topology;
        this.prefix = prefix;
    }

    public String namespace(String host) {
        return prefix + host;
    }

    /** {@code netns add} for every host. */
    public String namespacesBatch() {
        StringBuilder b = new StringBuilder();
        for (Host h : topology.hosts()) {
            b.append("netns add ").append(namespace(h.name())).append('\n');
        }
        return b.toString();
    }

    /**
     * One {@code link add ... type veth peer ...} per link, each end born in its namespace with its MAC.
     * Every end gets its own interface index (10, 11, 12, ...): when the two ends of a pair had the same
     * index (both are the first interface after lo of their namespace), the kernel would treat their carrier
     * changes as not urgent and batch them for up to a second, and the first frames on a fresh lab would wait.
     */
    public String linksBatch() {
        StringBuilder b = new StringBuilder();
        int index = 10;
        for (Link l : topology.links()) {
            Endpoint a = l.a();
            Endpoint z = l.b();
            b.append("link add ").append(a.ifname()).append(" index ").append(index++).append(" address ").append(a.mac())
                    .append(" netns ").append(namespace(a.host()))
                    .append(" type veth peer name ").append(z.ifname()).append(" index ").append(index++)
                    .append(" address ").append(z.mac()).append(" netns ").append(namespace(z.host())).append('\n');
        }
        return b.toString();
    }

    /** The {@code ip -batch} run inside one host: loopback, bridges, ports, MTUs, addresses, routes. */
    public String hostBatch(String host) {
        StringBuilder b = new StringBuilder("link set lo up\n");
        for (Bridge br : topology.bridges()) {
            if (br.host().equals(host)) {
                b.append("link add ").append(br.ifname()).append(" address ").append(br.mac())
                        .append(" type bridge\n");
                b.append("link set ").append(br.ifname()).append(" up\n");
                addresses(b, br.ifname(), br.addresses());
            }
        }
        for (Link l : topology.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                if (!e.host().equals(host)) {
                    continue;
                }
                if (e.bridge() != null) {
                    b.append("link set ").append(e.ifname()).append(" master ").append(e.bridge()).append('\n');
                }
                b.append("link set ").append(e.ifname());
                if (e.mtu() != 1500) {
                    b.append(" mtu ").append(e.mtu());
                }
                b.append(" up\n");
                addresses(b, e.ifname(), e.addresses());
            }
        }
        Host h = topology.host(host).orElseThrow();
        for (Route r : h.routes()) {
            String dst = r.destination().equals("default") ? (r.ipv6() ? "::/0" : "0.0.0.0/0") : r.destination();
            b.append("route add ").append(dst).append(" via ").append(r.gateway()).append('\n');
        }
        return b.toString();
    }

    private static void addresses(StringBuilder b, String ifname, List<String> addresses) {
        for (String a : addresses) {
            b.append("addr add ").append(a);
            b.append(a.contains(":") ? " nodad" : " brd +");
            b.append(" dev ").append(ifname).append('\n');
        }
    }

    /**
     * The shell run in the host's namespace: no ICMP rate limit (traces and UDP scans see every error),
     * no duplicate address detection (addresses usable at once), forwarding on routers, then ip and nft.
     */
    public String hostScript(String host, String ip, String nft, String ipBatchFile, String nftFile) {
        Host h = topology.host(host).orElseThrow();
        StringBuilder s = new StringBuilder("set -e\n");
        s.append("echo 0 > /proc/sys/net/ipv4/icmp_ratelimit\n");
        s.append("echo 0 > /proc/sys/net/ipv6/icmp/ratelimit\n");
        s.append("for f in /proc/sys/net/ipv6/conf/*/accept_dad /proc/sys/net/ipv6/conf/*/accept_ra;"
                + " do echo 0 > $f; done\n");
        for (Link l : topology.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                if (e.host().equals(host) && e.bridge() != null) {
                    // a bridge port is a wire, not a host: no IPv6 link-local address of its own
                    s.append("echo 1 > /proc/sys/net/ipv6/conf/").append(e.ifname()).append("/disable_ipv6\n");
                }
            }
        }
        if (h.role() == Role.ROUTER) {
            s.append("echo 1 > /proc/sys/net/ipv4/ip_forward\n");
            s.append("echo 1 > /proc/sys/net/ipv6/conf/all/forwarding\n");
        }
        s.append(ip).append(" -batch ").append(ipBatchFile).append('\n');
        if (!h.nftRules().isBlank()) {
            s.append(nft).append(" -f ").append(nftFile).append('\n');
        }
        return s.toString();
    }
}
