package dev.netkit.scan;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A stateless SYN scanner in the manner of masscan and zmap: the sequence number of each probe is a keyed hash of
 * (target, port), so a reply is matched by checking its acknowledgement number, with no table of probes in
 * flight. SYN/ACK is open, RST closed, ICMP unreachable or silence after every retry filtered, as nmap defines
 * them. The kernel answers the SYN/ACKs with RST since it has no socket for them. IPv4 and IPv6 over Ethernet.
 *
 * <p>Only unanswered probes are sent again. After each round the scanner waits for late replies as long as
 * nmap's retransmission timeout says: the smoothed round-trip time plus four deviations (RFC 6298), kept between
 * {@code minWait} and {@code maxWait}; {@code maxWait} until the first reply gives a measure.
 */
public final class SynScanner {
    private static final int TCP = 6;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final FrameChannel channel;
    private final MacAddress sourceMac;
    private final MacAddress nextHopMac;
    private final InetAddress source;
    private final int sourcePort;
    private final long key;
    private final double rate;
    private final int retries;
    private final RoundTripTimer timer;

    private PortTable table;
    private java.util.function.Function<InetAddress, MacAddress> nextHops;
    private int[] portIndex;
    private long startNanos;

    /**
     * @param rate         probes per second
     * @param retries      extra rounds for unanswered probes
     * @param minWaitNanos the least wait for late replies after a round
     * @param maxWaitNanos the most wait for late replies after a round (and the wait before any reply came)
     */
    public SynScanner(FrameChannel channel, MacAddress sourceMac, MacAddress nextHopMac, InetAddress source,
                      int sourcePort, long key, double rate, int retries, long minWaitNanos, long maxWaitNanos) {
        this.channel = channel;
        this.sourceMac = sourceMac;
        this.nextHopMac = nextHopMac;
        this.source = source;
        this.sourcePort = sourcePort;
        this.key = key;
        this.rate = rate;
        this.retries = retries;
        this.timer = new RoundTripTimer(minWaitNanos, maxWaitNanos);
    }

    /**
     * Targets on the attached link each have their own MAC: this gives it (null: the target did not answer ARP
     * or neighbour discovery, so it is not probed and its ports end filtered, no-response).
     */
    public SynScanner withNextHops(java.util.function.Function<InetAddress, MacAddress> macOfTarget) {
        this.nextHops = macOfTarget;
        return this;
    }

    /** The BPF filter for the replies: TCP to our port, and ICMP / ICMPv6 destination unreachable. */
    public static String filter(int sourcePort) {
        return "(tcp dst port " + sourcePort + ") or (icmp and icmp[0] = 3) or (icmp6 and ip6[40] = 1)";
    }

    /** The probe's sequence number: a keyed hash of target and port (splitmix64 finaliser over both). */
    public static long sequence(long key, InetAddress target, int port) {
        byte[] a = target.getAddress();
        return sequence(key, a, 0, a.length, port);
    }

    /** The same hash over an address read in place (from a reply), so matching allocates nothing. */
    static long sequence(long key, byte[] address, int offset, int length, int port) {
        long z = key ^ ((long) port << 32);
        for (int i = 0; i < length; i++) {
            z = (z ^ (address[offset + i] & 0xff)) * 0x9E3779B97F4A7C15L;
        }
        z += port * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z & 0xffffffffL;
    }

    /** How long to wait for a reply now (see {@link RoundTripTimer}). */
    long timeoutNanos() {
        return timer.timeoutNanos();
    }

    private void sample(double rttNanos) {
        timer.sample(rttNanos);
    }

    /**
     * Scans every (target, port) and returns the verdicts. When {@code control} is stopped the scan returns at
     * once with the verdicts known so far (the rest stay unknown); hosts over the host timeout are skipped.
     */
    public PortTable scan(List<? extends InetAddress> targets, List<Integer> ports, ScanControl control) {
        // past a million probes, times in whole milliseconds (2 bytes a probe instead of 4)
        table = new PortTable(targets, ports, "tcp", (long) targets.size() * ports.size() > 1_000_000);
        int hosts = targets.size();
        int n = table.size();
        control.addTotal(n);
        portIndex = new int[65536];
        java.util.Arrays.fill(portIndex, -1);
        for (int i = 0; i < ports.size(); i++) {
            portIndex[ports.get(i)] = i;
        }
        long hostTimeout = control.hostTimeoutNanos();
        long[] hostStart = hostTimeout > 0 ? new long[hosts] : null;
        startNanos = System.nanoTime();
        // table.rtt holds the send time (ms since start) until the verdict replaces it with the round trip
        for (int round = 0; round <= retries && !control.stopped(); round++) {
            long roundStart = System.nanoTime();
            long lastSend = roundStart;
            int sent = 0;
            for (int idx = 0; idx < n && !control.stopped(); idx++) {
                if (table.known(idx)) {
                    continue;
                }
                int h = idx % hosts;
                if (table.skipped(h)) {
                    continue;
                }
                long due = roundStart + (long) (sent / rate * 1e9);
                long now;
                while ((now = System.nanoTime()) < due) {
                    // ahead of the rate: wait for replies until the probe is due (one wait, no spinning reads)
                    drain(due, control);
                }
                if (hostStart != null) {
                    if (hostStart[h] == 0) {
                        hostStart[h] = now;
                    } else if (now - hostStart[h] > hostTimeout) {
                        table.skip(h);
                        continue;
                    }
                }
                byte[] frame = probe(h, targets.get(h), ports.get(idx / hosts));
                if (frame == null) {
                    continue; // no MAC for this on-link target
                }
                lastSend = System.nanoTime();
                table.markSent(idx, (lastSend - startNanos) / 1e6);
                send(frame, control);
                sent++;
                if ((sent & 255) == 0) {
                    // every 256 probes, read what has come in (an empty read costs a native call and garbage)
                    while (drain(System.nanoTime(), control)) {
                        // until nothing is queued
                    }
                }
            }
            if (sent == 0) {
                break;
            }
            // late replies: until the retransmission timeout after the last probe (it shrinks as replies come)
            while (!control.stopped()) {
                // what is queued is read even when the wait is over
                if (!drain(Math.max(lastSend + timeoutNanos(), System.nanoTime()), control)) {
                    break;
                }
            }
        }
        if (control.stopped()) {
            // stopped (Ctrl-C): keep the replies already queued, then return at once
            for (int i = 0; i < 100_000 && drain(System.nanoTime(), control); i++) {
                // bounded: a busy wire cannot hold the stop up
            }
        } else {
            long before = table.knownCount();
            table.fillUnknown(PortState.FILTERED, "no-response");
            control.settled(table.knownCount() - before);
        }
        return table;
    }

    private static final byte[] NO_MAC = new byte[0];
    private byte[][] templates;
    private long[] pseudoSums;
    private byte[] frame;

    /**
     * The SYN for one (target, port): the target's frame, built once by the codecs with port 0 and sequence 0,
     * copied and patched (port, sequence, IPv4 id, checksums), so a probe costs no allocation.
     */
    byte[] probe(int h, InetAddress t, int port) {
        if (templates != null && templates[h] == NO_MAC) {
            return null;
        }
        if (templates == null) {
            templates = new byte[table.hostCount()][];
            pseudoSums = new long[table.hostCount()];
        }
        byte[] tpl = templates[h];
        boolean v4 = t instanceof Inet4Address;
        if (tpl == null) {
            MacAddress to = nextHops == null ? nextHopMac : nextHops.apply(t);
            if (to == null) {
                templates[h] = NO_MAC;
                return null;
            }
            PacketBuilder b = PacketBuilder.ethernet(sourceMac, to);
            if (v4) {
                b.ipv4((Inet4Address) source, (Inet4Address) t);
            } else {
                b.ipv6((Inet6Address) source, (Inet6Address) t);
            }
            tpl = b.tcpSyn(sourcePort, 0, 0).build();
            templates[h] = tpl;
            pseudoSums[h] = new dev.netkit.packet.PseudoHeader(source, t).sum(TCP, tcpLength(tpl, v4));
        }
        if (frame == null || frame.length != tpl.length) {
            frame = new byte[tpl.length];
        }
        System.arraycopy(tpl, 0, frame, 0, tpl.length);
        long seq = sequence(key, t, port);
        int tcpAt = v4 ? 34 : 54;
        int tcpLength = tcpLength(frame, v4);
        if (v4) {
            int id = (int) (seq >>> 16) & 0xffff;
            frame[18] = (byte) (id >>> 8);
            frame[19] = (byte) id;
            frame[24] = 0;
            frame[25] = 0;
            int c = dev.netkit.packet.Checksum.of(frame, 14, 20);
            frame[24] = (byte) (c >>> 8);
            frame[25] = (byte) c;
        }
        frame[tcpAt + 2] = (byte) (port >>> 8);
        frame[tcpAt + 3] = (byte) port;
        frame[tcpAt + 4] = (byte) (seq >>> 24);
        frame[tcpAt + 5] = (byte) (seq >>> 16);
        frame[tcpAt + 6] = (byte) (seq >>> 8);
        frame[tcpAt + 7] = (byte) seq;
        frame[tcpAt + 16] = 0;
        frame[tcpAt + 17] = 0;
        int c = dev.netkit.packet.Checksum.finish(pseudoSums[h]
                + dev.netkit.packet.Checksum.sum(frame, tcpAt, tcpLength));
        frame[tcpAt + 16] = (byte) (c >>> 8);
        frame[tcpAt + 17] = (byte) c;
        return frame;
    }

    /**
     * Sends one probe. A full queue on the way out (ENOBUFS: the link's backlog is full) is not an error for a
     * scanner: it reads replies for a millisecond and tries again, as masscan does, up to ten seconds.
     */
    private void send(byte[] frame, ScanControl control) {
        long giveUp = 0;
        while (true) {
            try {
                channel.send(frame);
                return;
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("No buffer space")) {
                    throw e;
                }
                long now = System.nanoTime();
                if (giveUp == 0) {
                    giveUp = now + 10_000_000_000L;
                } else if (now > giveUp || control.stopped()) {
                    throw e;
                }
                long pause = now + 1_000_000L;
                while (drain(pause, control) && System.nanoTime() < pause) {
                    // replies keep coming while the queue empties
                }
            }
        }
    }

    /** The TCP segment's length in a frame we built: IPv4 total length minus its 20-byte header, or IPv6's payload. */
    private static int tcpLength(byte[] frame, boolean v4) {
        return v4 ? u16(frame, 16) - 20 : u16(frame, 18);
    }

    /** Reads one frame (waiting until {@code deadline} at most); false when none came. */
    private boolean drain(long deadline, ScanControl control) {
        CapturedFrame f = channel.receive(deadline);
        if (f == null) {
            return false;
        }
        long now = System.nanoTime();
        Reply r = classify(f, key, sourcePort);
        if (r == null) {
            return true;
        }
        int h = r.host() != null ? table.hostIndex(r.host()) : table.hostIndexV4(r.v4());
        int p = portIndex[r.port()];
        if (h < 0 || p < 0) {
            return true;
        }
        int idx = table.index(h, p);
        if (!table.known(idx)) {
            double rttMs = table.elapsedMs(idx, (now - startNanos) / 1e6);
            table.set(idx, r.state(), r.reason(), rttMs);
            sample(rttMs * 1e6);
            control.settled(1);
        }
        return true;
    }

    /**
     * What one reply says about one of our probes.
     *
     * @param host the target as an address (null when {@code v4} says it, on the fast path)
     * @param v4   the IPv4 target as a 32-bit number
     */
    record Reply(InetAddress host, int v4, int port, PortState state, String reason) {
    }

    private static int v4(byte[] d, int off) {
        return (d[off] & 0xff) << 24 | (d[off + 1] & 0xff) << 16 | (d[off + 2] & 0xff) << 8 | (d[off + 3] & 0xff);
    }

    private static int u16(byte[] d, int off) {
        return (d[off] & 0xff) << 8 | (d[off + 1] & 0xff);
    }

    private static long u32(byte[] d, int off) {
        return ((long) v4(d, off)) & 0xffffffffL;
    }

    /**
     * The verdict a captured frame gives on one of our probes, or null when it is not an answer to one. TCP
     * over Ethernet is read in place (the bulk of the replies); ICMP errors and other link types are decoded.
     */
    static Reply classify(CapturedFrame f, long key, int sourcePort) {
        byte[] d = f.data();
        if (f.linkType().value() == LinkType.EN10MB.value() && d.length >= 14) {
            int off = 14;
            int type = u16(d, 12);
            if (type == 0x8100 && d.length >= 18) {
                type = u16(d, 16);
                off = 18;
            }
            int proto;
            int tcpAt;
            int srcAt;
            int srcLen;
            if (type == 0x0800 && d.length >= off + 20 && (d[off] & 0xf0) == 0x40) {
                proto = d[off + 9] & 0xff;
                if ((u16(d, off + 6) & 0x1fff) != 0) {
                    return null; // a later fragment
                }
                tcpAt = off + (d[off] & 0x0f) * 4;
                srcAt = off + 12;
                srcLen = 4;
            } else if (type == 0x86dd && d.length >= off + 40) {
                proto = d[off + 6] & 0xff;
                tcpAt = off + 40;
                srcAt = off + 8;
                srcLen = 16;
            } else {
                return null;
            }
            if (proto == TCP) {
                if (d.length < tcpAt + 14 || u16(d, tcpAt + 2) != sourcePort) {
                    return null;
                }
                int port = u16(d, tcpAt);
                long expect = (sequence(key, d, srcAt, srcLen, port) + 1) & 0xffffffffL;
                if (u32(d, tcpAt + 8) != expect) {
                    return null;
                }
                int flags = d[tcpAt + 13] & 0xff;
                PortState state;
                String reason;
                if ((flags & TcpHeader.RST) != 0) {
                    state = PortState.CLOSED;
                    reason = "reset";
                } else if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == (TcpHeader.SYN | TcpHeader.ACK)) {
                    state = PortState.OPEN;
                    reason = "syn-ack";
                } else {
                    return null;
                }
                if (srcLen == 4) {
                    return new Reply(null, v4(d, srcAt), port, state, reason);
                }
                return new Reply(address(d, srcAt, 16), 0, port, state, reason);
            }
            if (proto != ICMP && proto != ICMPV6) {
                return null;
            }
        }
        return classifyDecoded(f, key, sourcePort);
    }

    private static InetAddress address(byte[] d, int off, int len) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(d, off, off + len));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A captured frame decoded by the codecs, or null when they cannot read it. */
    static Frame decode(CapturedFrame f) {
        try {
            return Frame.decode(dev.netkit.packet.LinkType.valueOf(f.linkType().value() & 0xFFFF), f.data());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The IPv4 or IPv6 source of a decoded frame, or null when it has neither. */
    static InetAddress source(Frame frame) {
        return frame.ipv4().<InetAddress>map(h -> h.source()).or(() -> frame.ipv6().map(h -> h.source()))
                .orElse(null);
    }

    /** The slow path: decode the frame with the codecs (ICMP errors quoting our probe, cooked captures). */
    private static Reply classifyDecoded(CapturedFrame f, long key, int sourcePort) {
        Frame frame = decode(f);
        InetAddress src = frame == null ? null : source(frame);
        if (src == null) {
            return null;
        }
        TcpHeader tcp = frame.tcp().orElse(null);
        if (tcp != null) {
            if (tcp.destinationPort() != sourcePort
                    || tcp.acknowledgement() != ((sequence(key, src, tcp.sourcePort()) + 1) & 0xffffffffL)) {
                return null;
            }
            if (tcp.has(TcpHeader.RST)) {
                return new Reply(src, 0, tcp.sourcePort(), PortState.CLOSED, "reset");
            }
            if (tcp.has(TcpHeader.SYN) && tcp.has(TcpHeader.ACK)) {
                return new Reply(src, 0, tcp.sourcePort(), PortState.OPEN, "syn-ack");
            }
            return null;
        }
        Frame quoted;
        String reason;
        try {
            if (frame.icmpv4().orElse(null) instanceof Icmpv4Message.DestinationUnreachable u) {
                quoted = u.quotedFrame();
                reason = switch (u.code()) {
                    case 1 -> "host-unreach";
                    case 2 -> "proto-unreach";
                    case 3 -> "port-unreach";
                    case 9, 10, 13 -> "admin-prohibited";
                    default -> "net-unreach";
                };
            } else if (frame.icmpv6().orElse(null) instanceof Icmpv6Message.DestinationUnreachable u) {
                quoted = u.quotedFrame();
                reason = switch (u.code()) {
                    case 1 -> "admin-prohibited";
                    case 3 -> "host-unreach";
                    case 4 -> "port-unreach";
                    default -> "net-unreach";
                };
            } else {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        InetAddress target = quoted.ipv4().<InetAddress>map(h -> h.destination())
                .or(() -> quoted.ipv6().map(h -> h.destination())).orElse(null);
        Frame.Ports ports = quoted.ports().orElse(null);
        if (target == null || ports == null || ports.source() != sourcePort || quoted.tcp().isEmpty()
                || quoted.tcp().get().sequence() != sequence(key, target, ports.destination())) {
            return null;
        }
        return new Reply(target, 0, ports.destination(), PortState.FILTERED, reason);
    }
}
