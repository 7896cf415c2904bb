package dev.netkit.sniff;

import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.LinuxCookedHeader;
import dev.netkit.packet.LoopbackHeader;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.UdpHeader;
import dev.netkit.system.IpLiteral;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code sniff --stats} reports: a protocol hierarchy (like tshark -z io,phs), the top talkers (hosts by
 * bytes sent and received) and conversations (address and port pairs with packets, bytes and duration).
 * Bytes are wire lengths. Tables are bounded: past {@value #MAX_KEYS} distinct hosts or conversations new
 * ones are counted under "other".
 */
public final class TrafficStats {
    static final int MAX_KEYS = 100_000;
    private static final String OTHER = "other";

    /** Packets and bytes, with the time of the first and last packet (epoch nanoseconds). */
    public static final class Counter {
        long packets;
        long bytes;
        long firstNanos = Long.MAX_VALUE;
        long lastNanos = Long.MIN_VALUE;

        void add(long len, long ts) {
            packets++;
            bytes += len;
            firstNanos = Math.min(firstNanos, ts);
            lastNanos = Math.max(lastNanos, ts);
        }

        public long packets() {
            return packets;
        }

        public long bytes() {
            return bytes;
        }

        /** Seconds between the first and the last packet. */
        public double durationSeconds() {
            return packets == 0 ? 0 : (lastNanos - firstNanos) / 1e9;
        }

        public long firstNanos() {
            return firstNanos;
        }
    }

    /** One row of the hierarchy: a path like {@code eth:ip:tcp:dns} and its depth (0 for the link layer). */
    public record ProtocolRow(String path, String protocol, int depth, long packets, long bytes) {
    }

    /** One host with what it sent and received. */
    public record Talker(String address, long packets, long bytes) {
    }

    /** One conversation: two endpoints (address or address:port), the transport, and its counts. */
    public record Conversation(String protocol, String a, String b, long packets, long bytes, double durationSeconds) {
    }

    private final Map<String, Counter> hierarchy = new LinkedHashMap<>();
    private final Map<String, Counter> talkers = new HashMap<>();
    private final Map<String, Counter> conversations = new HashMap<>();
    private final Counter total = new Counter();

    /** Counts one packet. */
    public void add(SniffedPacket p) {
        long len = p.frame().originalLength();
        long ts = p.frame().timestampNanos();
        total.add(len, ts);
        Frame f = p.decoded();
        StringBuilder path = new StringBuilder();
        String src = null;
        String dst = null;
        String proto = null;
        String sport = null;
        String dport = null;
        for (Layer l : f.layers()) {
            String name = switch (l) {
                case EthernetHeader e -> "eth";
                case LinuxCookedHeader c -> "sll";
                case LoopbackHeader n -> "null";
                case ArpMessage a -> "arp";
                case Ipv4Header h -> "ip";
                case Ipv6Header h -> "ipv6";
                case Ipv6ExtensionHeader x -> null;
                case Icmpv4Message m -> "icmp";
                case Icmpv6Message m -> "icmpv6";
                case IgmpMessage m -> "igmp";
                case UdpHeader u -> "udp";
                case TcpHeader t -> "tcp";
                default -> null;
            };
            if (name == null) {
                continue;
            }
            count(path, name, len, ts);
            switch (l) {
                case EthernetHeader e -> {
                    src = e.source().toString();
                    dst = e.destination().toString();
                }
                case ArpMessage a -> proto = "arp";
                case Ipv4Header h -> {
                    src = IpLiteral.format(h.source());
                    dst = IpLiteral.format(h.destination());
                    proto = "ip";
                }
                case Ipv6Header h -> {
                    src = IpLiteral.format(h.source());
                    dst = IpLiteral.format(h.destination());
                    proto = "ipv6";
                }
                case Icmpv4Message m -> proto = "icmp";
                case Icmpv6Message m -> proto = "icmpv6";
                case IgmpMessage m -> proto = "igmp";
                case UdpHeader u -> {
                    proto = "udp";
                    sport = Integer.toString(u.sourcePort());
                    dport = Integer.toString(u.destinationPort());
                }
                case TcpHeader t -> {
                    proto = "tcp";
                    sport = Integer.toString(t.sourcePort());
                    dport = Integer.toString(t.destinationPort());
                }
                default -> {
                }
            }
        }
        if (p.dns() != null) {
            count(path, "dns", len, ts);
        } else if (f.payloadLength() > 0 && !path.isEmpty()) {
            count(path, "data", len, ts);
        }
        if (path.isEmpty()) {
            count(path, p.frame().linkType().name().toLowerCase(java.util.Locale.ROOT), len, ts);
        }
        if (src != null) {
            bounded(talkers, src).add(len, ts);
            if (!dst.equals(src)) {
                bounded(talkers, dst).add(len, ts);
            }
            String a = sport == null ? src : endpoint(src, sport);
            String b = dport == null ? dst : endpoint(dst, dport);
            String key = (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
            bounded(conversations, (proto == null ? "eth" : proto) + " " + key).add(len, ts);
        }
    }

    private static String endpoint(String addr, String port) {
        return addr.indexOf(':') >= 0 ? "[" + addr + "]:" + port : addr + ":" + port;
    }

    private void count(StringBuilder path, String name, long len, long ts) {
        if (!path.isEmpty()) {
            path.append(':');
        }
        path.append(name);
        hierarchy.computeIfAbsent(path.toString(), k -> new Counter()).add(len, ts);
    }

    private static Counter bounded(Map<String, Counter> m, String key) {
        Counter c = m.get(key);
        if (c == null) {
            key = m.size() >= MAX_KEYS ? OTHER : key;
            c = m.computeIfAbsent(key, k -> new Counter());
        }
        return c;
    }

    public Counter total() {
        return total;
    }

    /** The hierarchy in tree order (each path followed by its children, busiest first). */
    public List<ProtocolRow> hierarchy() {
        List<ProtocolRow> rows = new ArrayList<>();
        walk("", 0, rows);
        return rows;
    }

    private void walk(String prefix, int depth, List<ProtocolRow> rows) {
        List<Map.Entry<String, Counter>> children = new ArrayList<>();
        for (Map.Entry<String, Counter> e : hierarchy.entrySet()) {
            String k = e.getKey();
            if (prefix.isEmpty() ? k.indexOf(':') < 0 : k.startsWith(prefix + ":") && k.indexOf(':', prefix.length() + 1) < 0) {
                children.add(e);
            }
        }
        children.sort(Comparator.comparingLong((Map.Entry<String, Counter> e) -> e.getValue().bytes).reversed());
        for (Map.Entry<String, Counter> e : children) {
            String k = e.getKey();
            rows.add(new ProtocolRow(k, k.substring(k.lastIndexOf(':') + 1), depth, e.getValue().packets,
                    e.getValue().bytes));
            walk(k, depth + 1, rows);
        }
    }

    /** The {@code n} hosts with the most bytes. */
    public List<Talker> topTalkers(int n) {
        return talkers.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Counter> e) -> e.getValue().bytes).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .map(e -> new Talker(e.getKey(), e.getValue().packets, e.getValue().bytes))
                .toList();
    }

    /** The {@code n} conversations with the most bytes. */
    public List<Conversation> conversations(int n) {
        return conversations.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Counter> e) -> e.getValue().bytes).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .map(e -> {
                    String[] parts = e.getKey().split(" ", 3);
                    Counter c = e.getValue();
                    return parts.length == 3
                            ? new Conversation(parts[0], parts[1], parts[2], c.packets, c.bytes, c.durationSeconds())
                            : new Conversation(OTHER, OTHER, OTHER, c.packets, c.bytes, c.durationSeconds());
                })
                .toList();
    }
}
