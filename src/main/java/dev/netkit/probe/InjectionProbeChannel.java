package dev.netkit.probe;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.HelperCapture;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Ipv4Fragmenter;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.system.IpLiteral;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Probes injected as whole Ethernet frames through the capture layer, replies read from the same capture: the
 * frames are built with dev.netkit.packet's builder (addresses and next-hop MAC resolved beforehand, see
 * {@link ProbeChannels}), send times are read just before the frame leaves and receive times are the capture's
 * kernel timestamps. The kernel's routing and path MTU cache are bypassed: IPv4 probes too big for the link are
 * fragmented here unless DF is set. TCP SYNs are Paris probes (source port {@link Probe#TCP_PARIS_PORT} + flow,
 * token in the sequence number), from ports the kernel does not know, so it answers a SYN-ACK with a RST, as after a
 * SYN scan; UDP probes come from {@link Probe#UDP_SOURCE_PORT} + flow.
 */
public final class InjectionProbeChannel implements ProbeChannel {
    /** Where frames to one destination go: the next hop's MAC and the source address to use. */
    public record Hop(MacAddress nextHop, InetAddress source) {
    }

    private final FrameChannel capture;
    private final MacAddress mac;
    private final int mtu;
    private final Map<InetAddress, Hop> hops;
    private final int echoId;
    private final ReplyDecoder decoder;
    private final ArrayDeque<Reply> pending = new ArrayDeque<>();

    /**
     * @param capture a live capture on the outgoing interface, filtered to frames addressed to {@code mac}
     * @param mac the interface's MAC, the frames' source
     * @param mtu the interface's MTU
     * @param hops the next hop of every destination probes may go to
     */
    public InjectionProbeChannel(FrameChannel capture, MacAddress mac, int mtu, Map<InetAddress, Hop> hops) {
        this.capture = capture;
        this.mac = mac;
        this.mtu = mtu;
        this.hops = Map.copyOf(hops);
        this.echoId = (int) (ProcessHandle.current().pid() & 0xffff);
        this.decoder = new ReplyDecoder(echoId, Probe.UDP_SOURCE_PORT, Probe.TCP_PARIS_PORT);
    }

    /** Our ICMP echo identifier (the process id, as for the kernel channel). */
    public int echoId() {
        return echoId;
    }

    @Override
    public String path(ProbeMethod method) {
        return capture instanceof HelperCapture ? "helper-injection" : "injection";
    }

    @Override
    public long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public Sent send(Probe p) throws IOException {
        Hop hop = hops.get(p.destination());
        if (hop == null) {
            throw new IOException("no next hop resolved for " + IpLiteral.format(p.destination()));
        }
        int token = p.token();
        int ttl = p.ttl() > 0 ? p.ttl() : 64;
        // The kernel sets DF on IPv4 unless path MTU discovery is off (ping -M dont); so do we.
        boolean df = p.pmtu() != PmtuMode.DONT;
        if (p.method() == ProbeMethod.ICMP && p.flow() < 0) {
            byte[] frame = echoFrame(p, hop, ttl, df);
            if (frame != null) {
                long t = now();
                capture.send(frame);
                return new Sent(t, token);
            }
        }
        PacketBuilder b = PacketBuilder.ip();
        if (p.ipv6()) {
            b.ipv6((Inet6Address) hop.source(), (Inet6Address) p.destination()).hopLimit(ttl).flowLabel(p.flowLabel());
        } else {
            b.ipv4((Inet4Address) hop.source(), (Inet4Address) p.destination()).ttl(ttl).identification(token)
                    .dontFragment(df);
        }
        switch (p.method()) {
            case ICMP -> {
                byte[] data = new byte[p.size()];
                Probe.fill(data, 0, p.pattern());
                b.icmpEcho(echoId, token, data);
            }
            case UDP -> {
                byte[] data;
                if (p.ipv6()) {
                    // IPv6 has no IP id: the token rides in the first two payload bytes.
                    data = new byte[Math.max(2, p.size())];
                    data[0] = (byte) (token >> 8);
                    data[1] = (byte) token;
                    Probe.fill(data, 2, p.pattern());
                } else {
                    data = new byte[p.size()];
                    Probe.fill(data, 0, p.pattern());
                }
                b.udp(Probe.UDP_SOURCE_PORT + Math.max(0, p.flow()), p.port(), data);
            }
            case TCP -> {
                // Paris style always: a constant source port per flow, the token in the sequence number's upper half.
                b.tcp(p.parisSyn(Math.max(536, mtu - (p.ipv6() ? 60 : 40))), new byte[0]);
            }
        }
        byte[] datagram = b.build();
        List<byte[]> pieces = List.of(datagram);
        if (datagram.length > mtu) {
            if (p.ipv6() || df) {
                // What the kernel says for a socket: "local error: message too long".
                long t = now();
                pending.add(new Reply(null, ReplyKind.PACKET_TOO_BIG, p.method(), p.destination(), token, -1, -1,
                        mtu, -1, 0, t));
                return new Sent(t, token);
            }
            pieces = Ipv4Fragmenter.fragment(datagram, mtu);
        }
        EthernetHeader eth = EthernetHeader.of(hop.nextHop(), mac, p.ipv6() ? EtherType.IPV6 : EtherType.IPV4);
        int link = eth.bufferLength();
        long t = 0;
        for (byte[] d : pieces) {
            byte[] frame = new byte[Math.max(link + d.length, 60)];
            eth.emit(frame, 0);
            System.arraycopy(d, 0, frame, link, d.length);
            t = now();
            capture.send(frame);
        }
        return new Sent(t, token);
    }

    private byte[] echoFrame;
    private Probe echoProbe;
    private int echoTtl;
    private boolean echoDf;
    private long ipSum;
    private long icmpSum;

    /**
     * The echo request frame for {@code p}: built once with the packet builder for a destination, size, pattern and
     * TTL, then only the IPv4 id and the sequence number change, with both checksums updated from the template's
     * (RFC 1624); null when it does not fit the link (the general path fragments or refuses it).
     */
    private byte[] echoFrame(Probe p, Hop hop, int ttl, boolean df) {
        Probe k = echoProbe;
        if (k == null || !k.destination().equals(p.destination()) || k.size() != p.size() || k.pattern() != p.pattern()
                || echoTtl != ttl || echoDf != df) {
            int ip = p.ipv6() ? 40 : 20;
            if (ip + 8 + p.size() > mtu) {
                return null;
            }
            byte[] data = new byte[p.size()];
            Probe.fill(data, 0, p.pattern());
            PacketBuilder b = PacketBuilder.ethernet(mac, hop.nextHop());
            if (p.ipv6()) {
                b.ipv6((Inet6Address) hop.source(), (Inet6Address) p.destination()).hopLimit(ttl);
            } else {
                b.ipv4((Inet4Address) hop.source(), (Inet4Address) p.destination()).ttl(ttl).dontFragment(df);
            }
            byte[] frame = b.icmpEcho(echoId, 0, data).build();
            ipSum = p.ipv6() ? 0 : ~NetworkOrder16.get(frame, 14 + 10) & 0xffff;
            icmpSum = ~NetworkOrder16.get(frame, 14 + ip + 2) & 0xffff;
            echoFrame = frame;
            echoProbe = p;
            echoTtl = ttl;
            echoDf = df;
        }
        byte[] frame = echoFrame;
        int token = p.token() & 0xffff;
        int icmp = 14 + (p.ipv6() ? 40 : 20);
        if (!p.ipv6()) {
            NetworkOrder16.put(frame, 14 + 4, token);
            NetworkOrder16.put(frame, 14 + 10, dev.netkit.packet.Checksum.finish(ipSum + token));
        }
        NetworkOrder16.put(frame, icmp + 6, token);
        NetworkOrder16.put(frame, icmp + 2, dev.netkit.packet.Checksum.finish(icmpSum + token));
        return frame;
    }

    /** Big-endian 16-bit fields of the frame template. */
    private static final class NetworkOrder16 {
        static int get(byte[] b, int i) {
            return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
        }

        static void put(byte[] b, int i, int v) {
            b[i] = (byte) (v >> 8);
            b[i + 1] = (byte) v;
        }
    }

    @Override
    public Reply receive(long deadlineNanos) throws IOException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        long left = deadlineNanos == Long.MIN_VALUE ? 0 : deadlineNanos - now();
        long monotonicDeadline = System.nanoTime() + Math.max(0, left);
        while (true) {
            CapturedFrame f = capture.receive(monotonicDeadline);
            if (f == null) {
                return null;
            }
            byte[] d = f.data();
            Reply r = decoder.ethernet(d, 0, d.length, f.timestampNanos());
            if (r != null) {
                return r;
            }
        }
    }

    @Override
    public void close() {
        capture.close();
    }
}
