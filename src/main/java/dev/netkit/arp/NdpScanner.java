package dev.netkit.arp;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Icmpv6Type;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Ipv6Packet;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.NdpFrames;
import dev.netkit.packet.PacketBuilder;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * arp-scan's job for IPv6 (RFC 4861 neighbour discovery). Given addresses, it sends each a neighbour
 * solicitation to its solicited-node multicast group and lists the advertisements; given the link
 * ({@link #sweep}), it asks all nodes (ff02::1) at once with an echo request and with a packet carrying an unknown
 * destination option of type 10xxxxxx, which RFC 8200 section 4.2 makes every node answer with a parameter
 * problem even when it drops echo requests. Each answer gives the address and, from the frame, the MAC.
 */
public final class NdpScanner {
    /** RFC 4727's experimental option type 0x1E with the action bits 10: discard and always send a problem. */
    static final int PROBE_OPTION = 0x9E;
    static final Inet6Address ALL_NODES = v6("ff02::1");
    private static final int HEADER_DESTINATION_OPTIONS = 60;
    private static final int NO_NEXT_HEADER = 59;

    private final FrameChannel channel;
    private final NdpEndpoint from;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final int retries;
    private final int identifier;
    private boolean stopWhenAllAnswered;
    private BooleanSupplier stop;

    /**
     * @param intervalNanos time between two solicitations
     * @param timeoutNanos  how long to wait for answers after the last probe of each round
     * @param retries       how many rounds in all (1 = no retry)
     */
    public NdpScanner(FrameChannel channel, NdpEndpoint from, long intervalNanos, long timeoutNanos, int retries) {
        this.channel = channel;
        this.from = from;
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.retries = Math.max(1, retries);
        this.identifier = (int) (ProcessHandle.current().pid() & 0xffff);
    }

    /** Makes {@link #scan} stop waiting as soon as every target answered (host discovery needs no duplicates). */
    public NdpScanner stoppingWhenAllAnswered() {
        stopWhenAllAnswered = true;
        return this;
    }

    /** Makes {@link #scan} end soon, with the answers so far, once {@code stop} says so (Ctrl-C). */
    public NdpScanner stoppingWhen(BooleanSupplier stop) {
        this.stop = stop;
        return this;
    }

    private boolean stopped() {
        return stop != null && stop.getAsBoolean();
    }

    /** The BPF filter for a live channel: the ICMPv6 answers this scanner reads (NA, echo reply, problem). */
    public static String filter() {
        return "icmp6 and (ip6[40] == 136 or ip6[40] == 129 or ip6[40] == 4)";
    }

    /** Solicits every target, in rounds for the silent ones; each answer goes to the sink as it comes. */
    public List<ArpAnswer> scan(List<Inet6Address> targets, Consumer<ArpAnswer> sink) {
        Answers state = new Answers(sink);
        for (Inet6Address t : targets) {
            state.expected.put(t, 0L);
        }
        for (int round = 0; round < retries && !stopped(); round++) {
            Pacer pacer = new Pacer(intervalNanos);
            for (Inet6Address t : targets) {
                if (stopped()) {
                    break;
                }
                if (state.answers.containsKey(t)) {
                    continue;
                }
                pacer.awaitTurn(state::drainUntil);
                state.expected.put(t, ArpScanner.epochNanos());
                channel.send(solicitation(t));
            }
            if (!(stopWhenAllAnswered && state.answers.size() >= state.expected.size())) {
                state.drainUntil(System.nanoTime() + timeoutNanos, stopWhenAllAnswered);
            }
            if (state.answers.size() >= state.expected.size()) {
                break;
            }
        }
        return state.first();
    }

    /** Asks all nodes of the link, {@code retries} times; lists every address that answered. */
    public List<ArpAnswer> sweep(Consumer<ArpAnswer> sink) {
        Answers state = new Answers(sink);
        for (int round = 0; round < retries; round++) {
            state.multicastSentAt = ArpScanner.epochNanos();
            channel.send(allNodesEcho(round));
            channel.send(allNodesOptionProbe());
            state.drainUntil(System.nanoTime() + timeoutNanos);
        }
        return state.first();
    }

    /** A neighbour solicitation for {@code target}, to its solicited-node group (RFC 4861 section 7.2.2). */
    byte[] solicitation(Inet6Address target) {
        return NdpFrames.solicitation(from.mac(), onLink(target) ? from.ip() : from.linkLocal(), target);
    }

    byte[] allNodesEcho(int sequence) {
        return PacketBuilder.ethernet(from.mac(), multicastMac(ALL_NODES.getAddress())).ipv6(from.ip(), ALL_NODES)
                .ttl(1).icmpv6(Icmpv6Message.Echo.request(identifier, sequence, new byte[8])).build();
    }

    /** To all nodes: a destination options header with the unknown option and nothing after it. */
    byte[] allNodesOptionProbe() {
        EthernetHeader eth = EthernetHeader.of(multicastMac(ALL_NODES.getAddress()), from.mac(), EtherType.IPV6);
        Ipv6Header ip = new Ipv6Header(0, 0, 8, IpProtocol.valueOf(HEADER_DESTINATION_OPTIONS), 1, from.ip(),
                ALL_NODES);
        byte[] frame = new byte[Math.max(60, eth.bufferLength() + Ipv6Header.LENGTH + 8)];
        int at = eth.emit(frame, 0);
        at += ip.emit(frame, at);
        frame[at] = (byte) NO_NEXT_HEADER;
        frame[at + 1] = 0; // 8 bytes in all
        frame[at + 2] = (byte) PROBE_OPTION;
        frame[at + 3] = 4;
        frame[at + 4] = (byte) (identifier >>> 8);
        frame[at + 5] = (byte) identifier;
        return frame;
    }

    private boolean onLink(Inet6Address target) {
        return !from.ip().equals(from.linkLocal()) && from.prefix().contains(target);
    }

    static MacAddress multicastMac(byte[] group) {
        return MacAddress.of(new byte[] {0x33, 0x33, group[12], group[13], group[14], group[15]});
    }

    private static Inet6Address v6(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Inet6Address v6(byte[] b) {
        try {
            return (Inet6Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Who answered so far, keyed by address; duplicates (same address, another MAC) are conflicts. */
    private final class Answers {
        final Map<Inet6Address, Long> expected = new HashMap<>();
        final Map<Inet6Address, List<ArpAnswer>> answers = new LinkedHashMap<>();
        final Consumer<ArpAnswer> sink;
        long multicastSentAt;

        Answers(Consumer<ArpAnswer> sink) {
            this.sink = sink;
        }

        void drainUntil(long deadline) {
            drainUntil(deadline, false);
        }

        void drainUntil(long deadline, boolean stopWhenAllAnswered) {
            while (!(stopWhenAllAnswered && answers.size() >= expected.size())) {
                CapturedFrame f = ArpScanner.receive(channel, deadline, stop);
                if (f == null) {
                    return;
                }
                answer(f);
            }
        }

        private void answer(CapturedFrame f) {
            Frame frame;
            try {
                frame = Frame.decode(f.linkType(), f.data());
            } catch (RuntimeException e) {
                return; // a malformed frame is not an answer
            }
            EthernetHeader eth = frame.ethernet().orElse(null);
            Ipv6Header ip = frame.ipv6().orElse(null);
            Icmpv6Message m = frame.icmpv6().orElse(null);
            if (eth == null || ip == null || m == null || eth.source().equals(from.mac())) {
                return;
            }
            Inet6Address who;
            MacAddress mac = eth.source();
            long sentAt;
            if (m instanceof Icmpv6Message.NeighborAdvertisement na && expected.containsKey(na.target())) {
                who = na.target();
                mac = na.targetMac().orElse(mac);
                sentAt = expected.get(who);
            } else if (multicastSentAt != 0 && m instanceof Icmpv6Message.Echo e && !e.request()
                    && e.identifier() == identifier && ip.destination().equals(from.ip())) {
                who = ip.source();
                sentAt = multicastSentAt;
            } else if (multicastSentAt != 0 && m.type().equals(Icmpv6Type.PARAMETER_PROBLEM)
                    && ip.destination().equals(from.ip()) && quotesOurProbe(m.body())) {
                who = ip.source();
                sentAt = multicastSentAt;
            } else {
                return;
            }
            List<ArpAnswer> earlier = answers.computeIfAbsent(who, k -> new ArrayList<>());
            MacAddress answeredWith = mac;
            if (multicastSentAt != 0 && earlier.stream().anyMatch(a -> a.mac().equals(answeredWith))) {
                return; // the same node answering both all-nodes probes
            }
            boolean conflict = earlier.stream().anyMatch(a -> !a.mac().equals(answeredWith));
            ArpAnswer a = new ArpAnswer(who, mac, Math.max(0, f.timestampNanos() - sentAt) / 1e6, earlier.size(),
                    conflict, eth.destination().equals(from.mac()));
            earlier.add(a);
            sink.accept(a);
        }

        /** The problem quotes an IPv6 header from us to all nodes with a destination options header next. */
        private boolean quotesOurProbe(byte[] body) {
            // body: pointer (4 bytes), then the quoted datagram
            if (body.length < 4 + Ipv6Header.LENGTH) {
                return false;
            }
            Ipv6Packet q;
            try {
                q = Ipv6Packet.newChecked(body, 4, body.length - 4);
            } catch (MalformedPacketException e) {
                return false;
            }
            return q.nextHeader().value() == HEADER_DESTINATION_OPTIONS && q.source().equals(from.ip())
                    && q.destination().equals(ALL_NODES);
        }

        List<ArpAnswer> first() {
            List<ArpAnswer> out = new ArrayList<>();
            answers.values().forEach(l -> out.add(l.get(0)));
            return out;
        }
    }
}
