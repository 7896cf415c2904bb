package dev.netkit.scan;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * A raw TCP scanner (nmap's -sS and -sA) in the manner of masscan and zmap: the probe carries a keyed hash of
 * (target, port), so a reply is matched by the number it echoes ({@link TcpProbe}), with no record per probe
 * beyond its try count. The kernel answers the SYN/ACKs with RST since it has no socket for them. IPv4 and IPv6
 * over Ethernet.
 *
 * <p>How fast it sends and how long it waits is {@link ScanPacer}'s: nmap's congestion windows and
 * retransmission timeouts, or masscan's fixed rate. A probe unanswered within its timeout is sent again, up to
 * the tries the pacer allows; a probe that used them all waits on a bench (as nmap's) in case its host's replies
 * later show that more tries are needed, and is filtered (no-response) at the end.
 */
public final class SynScanner {
    private static final int TCP = 6;

    private final FrameChannel channel;
    private final MacAddress sourceMac;
    private final MacAddress nextHopMac;
    private final InetAddress source;
    private final int sourcePort;
    private final long key;
    private final TcpProbe kind;
    private final ScanTiming timing;
    private final dev.netkit.packet.LinkType link;

    private PortTable table;
    private ScanPacer pacer;
    private java.util.function.Function<InetAddress, MacAddress> nextHops;
    private int[] portIndex;
    private long startNanos;
    /** Per probe: tries sent (low 7 bits), and 0x80 while one is in flight. */
    private byte[] tries;
    private IntQueue outstanding;
    private long benchSeen;
    /**
     * masscan's way (a fixed rate, no retries): no per-probe try count, send time or timeout queue, a wait after the
     * last send, and a {@link PortTable#lean lean} table that keeps only the replies.
     */
    private boolean stateless;
    private long lastSent;
    /** Stateless: when each run of 256 probes began to go (a probe's own send time is its place in it at the rate). */
    private long[] blockSent;
    private double nanosPerProbe;
    /** Run once when every probe has gone and only the wait for replies (and retries) is left; null: none. */
    private Runnable whenSent;

    public SynScanner(FrameChannel channel, MacAddress sourceMac, MacAddress nextHopMac, InetAddress source,
                      int sourcePort, long key, TcpProbe kind, ScanTiming timing) {
        this.channel = channel;
        this.sourceMac = sourceMac;
        this.nextHopMac = nextHopMac;
        this.source = source;
        this.sourcePort = sourcePort;
        this.key = key;
        this.kind = kind;
        this.timing = timing;
        this.link = dev.netkit.packet.LinkType.valueOf(channel.linkType().value() & 0xFFFF);
        this.pacer = new ScanPacer(timing, 1);
    }

    /**
     * A SYN scanner at a fixed rate (masscan's way: every retry, no congestion control).
     *
     * @param rate         probes per second
     * @param retries      retransmissions of unanswered probes
     * @param minWaitNanos the least wait for a reply
     * @param maxWaitNanos the most wait for a reply (and the wait before any reply came)
     */
    public SynScanner(FrameChannel channel, MacAddress sourceMac, MacAddress nextHopMac, InetAddress source,
                      int sourcePort, long key, double rate, int retries, long minWaitNanos, long maxWaitNanos) {
        this(channel, sourceMac, nextHopMac, source, sourcePort, key, TcpProbe.SYN,
                new ScanTiming(3, maxWaitNanos, minWaitNanos, maxWaitNanos, retries, 0, 0, 0, 0, rate));
    }

    /**
     * Targets on the attached link each have their own MAC: this gives it (null: the target did not answer ARP
     * or neighbour discovery, so it is not probed and its ports end filtered, no-response).
     */
    public SynScanner withNextHops(java.util.function.Function<InetAddress, MacAddress> macOfTarget) {
        this.nextHops = macOfTarget;
        return this;
    }

    /**
     * {@code action} runs once, on the scanning thread, when the last fresh probe has gone out (only the wait for
     * late replies, and retries, are left): the next group's slow preparation can overlap that wait.
     */
    public SynScanner whenSent(Runnable action) {
        this.whenSent = action;
        return this;
    }

    /**
     * True when no probe goes again after the last fresh one (a fixed rate without retries: masscan's sweep), so that
     * after {@link #whenSent} the scan only listens for late replies.
     */
    public boolean sendsEachProbeOnce() {
        return timing.fixedRate() > 0 && timing.maxRetries() == 0;
    }

    /** The BPF filter for the replies: TCP to our port, and ICMP / ICMPv6 destination unreachable. */
    public static String filter(int sourcePort) {
        return "(tcp dst port " + sourcePort + ") or (icmp and icmp[0] = 3) or (icmp6 and ip6[40] = 1)";
    }

    /** The probe's hash: a keyed hash of target and port (splitmix64 finaliser over both). */
    public static long sequence(long key, InetAddress target, int port) {
        byte[] a = target.getAddress();
        long z = key ^ ((long) port << 32);
        for (byte b : a) {
            z = (z ^ (b & 0xff)) * 0x9E3779B97F4A7C15L;
        }
        z += port * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z & 0xffffffffL;
    }

    /** How long to wait for a reply now (the group's measure, see {@link ScanPacer}). */
    long timeoutNanos() {
        return pacer.timeoutNanos();
    }

    /**
     * Scans every (target, port) and returns the verdicts. When {@code control} is stopped the scan returns at
     * once with the verdicts known so far (the rest stay unknown); hosts over the host timeout are skipped.
     */
    public PortTable scan(List<? extends InetAddress> targets, List<Integer> ports, ScanControl control) {
        stateless = sendsEachProbeOnce();
        // past a million probes, times in whole milliseconds (2 bytes a probe instead of 4)
        table = stateless ? PortTable.lean(targets, ports, "tcp")
                : new PortTable(targets, ports, "tcp", (long) targets.size() * ports.size() > 1_000_000);
        int hosts = targets.size();
        int n = table.size();
        control.addTotal(n);
        portIndex = new int[65536];
        Arrays.fill(portIndex, -1);
        for (int i = 0; i < ports.size(); i++) {
            portIndex[ports.get(i)] = i;
        }
        blockSent = stateless ? new long[(n >>> 8) + 1] : null;
        nanosPerProbe = stateless ? 1e9 / timing.fixedRate() : 0;
        tries = stateless ? null : new byte[n];
        outstanding = new IntQueue();
        lastSent = 0;
        IntQueue again = new IntQueue();
        IntQueue bench = new IntQueue();
        pacer = new ScanPacer(timing, hosts);
        HostTimeout hostTimeout = new HostTimeout(control.hostTimeoutNanos(), hosts);
        startNanos = System.nanoTime();
        int fresh = 0;
        int sinceRead = 0;
        // table.rtt holds the send time (ms since start) until the verdict replaces it with the round trip
        while (!control.stopped()) {
            long now = System.nanoTime();
            // the next probe: a retry first, else a fresh one
            int idx = -1;
            while (idx < 0 && (!again.isEmpty() || fresh < n)) {
                int c = !again.isEmpty() ? again.peek() : fresh;
                if (table.known(c) || table.skipped(c % hosts)) {
                    if (!again.isEmpty()) {
                        again.poll();
                    } else {
                        fresh++;
                    }
                    continue;
                }
                idx = c;
            }
            if (idx < 0 && oldestDeadline() == Long.MAX_VALUE) {
                if (bench.isEmpty() || !reconsider(bench, again)) {
                    break; // nothing to send, nothing to wait for
                }
                continue;
            }
            int h = idx < 0 ? -1 : idx % hosts;
            long due = idx < 0 ? Long.MAX_VALUE : pacer.nextSend(h, now);
            if (due - now > 0 || sinceRead >= 256) {
                // read replies until the probe is due or the oldest probe times out (what is queued is read anyway),
                // then retry or bench the probes whose time is up
                long until = Math.min(due, oldestDeadline());
                if (until == Long.MAX_VALUE) {
                    until = now + pacer.timeoutNanos(); // a window shut with nothing in flight cannot stay shut
                }
                sinceRead = 0;
                if (idx < 0) {
                    pacer.idle(now); // waiting for replies only: the rate owes nothing for it
                }
                flush(control); // the probes due so far go in one batch before the wait
                if (idx < 0 && whenSent != null) {
                    Runnable r = whenSent;
                    whenSent = null;
                    r.run();
                }
                if (drain(Math.max(until, now), control)) {
                    while (drain(System.nanoTime(), control)) {
                        // until nothing is queued
                    }
                }
                expire(System.nanoTime(), again, bench);
                if (again.isEmpty() && fresh >= n && !bench.isEmpty()) {
                    reconsider(bench, again);
                }
                continue;
            }
            if (!again.isEmpty() && again.peek() == idx) {
                again.poll();
            } else {
                fresh++;
            }
            if (hostTimeout.expired(table, h, now)) {
                continue;
            }
            byte[] frame = probe(h, targets.get(h), ports.get(idx / hosts));
            if (frame == null) {
                continue; // no MAC for this on-link target
            }
            long sentAt = System.nanoTime();
            send(frame, control);
            if (stateless) {
                lastSent = sentAt;
                if (blockSent[idx >>> 8] == 0) {
                    blockSent[idx >>> 8] = sentAt - (long) ((idx & 255) * nanosPerProbe);
                }
            } else {
                table.markSent(idx, (sentAt - startNanos) / 1e6);
                tries[idx] = (byte) (((tries[idx] & 0x7f) + 1) | 0x80);
                outstanding.add(idx);
            }
            pacer.sent(h, sentAt);
            sinceRead++;
        }
        if (control.stopped()) {
            // stopped (Ctrl-C): keep the replies already queued, then return at once
            for (int i = 0; i < 100_000 && drain(System.nanoTime(), control); i++) {
                // bounded: a busy wire cannot hold the stop up
            }
        } else {
            flush(control); // (empty: the last wait flushed)
            long before = table.knownCount();
            table.fillUnknown(PortState.FILTERED, "no-response");
            control.settled(table.knownCount() - before);
        }
        return table;
    }

    /** When the oldest probe in flight times out (never when none is). */
    private long oldestDeadline() {
        if (stateless) {
            // masscan's one fixed wait after the last send (its --wait): the template's initial round-trip timeout
            // (1 s at -T3) at most. Not the group's measure alone: a flood's replies queue behind it in the routers,
            // their round trips grow to seconds, and the wait grew with them (5.6 s on the lab sweep, for no reply)
            long end = lastSent + Math.min(pacer.timeoutNanos(), timing.initialRtt());
            return lastSent != 0 && System.nanoTime() - end < 0 ? end : Long.MAX_VALUE;
        }
        while (!outstanding.isEmpty()) {
            int idx = outstanding.peek();
            if ((tries[idx] & 0x80) == 0 || table.known(idx)) {
                outstanding.poll();
                continue;
            }
            return sentNanos(idx) + pacer.timeoutNanos(idx % table.hostCount());
        }
        return Long.MAX_VALUE;
    }

    private long sentNanos(int idx) {
        if (stateless) {
            long at = blockSent[idx >>> 8];
            long now = System.nanoTime();
            return at == 0 ? now : Math.min(now, at + (long) ((idx & 255) * nanosPerProbe));
        }
        double nowMs = (System.nanoTime() - startNanos) / 1e6;
        return System.nanoTime() - (long) (table.elapsedMs(idx, nowMs) * 1e6);
    }

    /** Probes in flight past their timeout: sent again while tries remain, else benched. */
    private void expire(long now, IntQueue again, IntQueue bench) {
        while (!outstanding.isEmpty()) {
            int idx = outstanding.peek();
            if ((tries[idx] & 0x80) == 0 || table.known(idx)) {
                outstanding.poll();
                continue;
            }
            int h = idx % table.hostCount();
            if (now - (sentNanos(idx) + pacer.timeoutNanos(h)) < 0) {
                return;
            }
            outstanding.poll();
            tries[idx] &= 0x7f;
            pacer.timedOut(h);
            if (tries[idx] < pacer.allowedTries(h)) {
                again.add(idx);
            } else {
                bench.add(idx);
                pacer.gaveUp();
            }
        }
    }

    /** Moves benched probes whose host now allows more tries back to be sent; true when any moved. */
    private boolean reconsider(IntQueue bench, IntQueue again) {
        if (pacer.triesRaised() == benchSeen) {
            return false; // no host's allowance grew since the last look
        }
        benchSeen = pacer.triesRaised();
        int k = bench.size();
        boolean moved = false;
        int hosts = table.hostCount();
        for (int i = 0; i < k; i++) {
            int idx = bench.poll();
            if (table.known(idx)) {
                continue;
            }
            if (tries[idx] < pacer.allowedTries(idx % hosts)) {
                again.add(idx);
                moved = true;
            } else {
                bench.add(idx);
            }
        }
        return moved;
    }

    private static final byte[] NO_MAC = new byte[0];
    /** On the attached link: each target's frame (its own MAC); null when all go to one next hop. */
    private byte[][] templates;
    /** Beyond the next hop: one frame per address family, the target's address patched in. */
    private byte[] v4Template;
    private byte[] v6Template;
    private byte[] frame;

    /**
     * The probe for one (target, port): a frame built once by the codecs with port 0 and sequence 0 (one per
     * target on the attached link, else one per address family: a /16 sweep keeps no frame per host), copied and
     * patched (target address, port, hash, IPv4 id, checksums) in one frame that every probe reuses.
     */
    byte[] probe(int h, InetAddress t, int port) {
        boolean v4 = t instanceof Inet4Address;
        byte[] tpl;
        if (nextHops != null) {
            if (templates == null) {
                templates = new byte[table.hostCount()][];
            }
            tpl = templates[h];
            if (tpl == NO_MAC) {
                return null;
            }
            if (tpl == null) {
                MacAddress to = nextHops.apply(t);
                tpl = to == null ? NO_MAC : template(to, t);
                templates[h] = tpl;
                if (to == null) {
                    return null;
                }
            }
        } else if (v4) {
            tpl = v4Template != null ? v4Template : (v4Template = template(nextHopMac, t));
        } else {
            tpl = v6Template != null ? v6Template : (v6Template = template(nextHopMac, t));
        }
        if (frame == null || frame.length != tpl.length) {
            frame = new byte[tpl.length];
        }
        System.arraycopy(tpl, 0, frame, 0, tpl.length);
        byte[] address = t.getAddress();
        int addressesAt = v4 ? 26 : 22; // source then destination, in the IP header as in the pseudo-header
        System.arraycopy(address, 0, frame, addressesAt + address.length, address.length);
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
        int hashAt = tcpAt + kind.hashField();
        frame[hashAt] = (byte) (seq >>> 24);
        frame[hashAt + 1] = (byte) (seq >>> 16);
        frame[hashAt + 2] = (byte) (seq >>> 8);
        frame[hashAt + 3] = (byte) seq;
        frame[tcpAt + 16] = 0;
        frame[tcpAt + 17] = 0;
        // the pseudo-header's words: both addresses (summed in place), the protocol and the segment's length
        long pseudo = dev.netkit.packet.Checksum.sum(frame, addressesAt, 2 * address.length) + TCP + tcpLength;
        int c = dev.netkit.packet.Checksum.finish(pseudo + dev.netkit.packet.Checksum.sum(frame, tcpAt, tcpLength));
        frame[tcpAt + 16] = (byte) (c >>> 8);
        frame[tcpAt + 17] = (byte) c;
        return frame;
    }

    /** A SYN (or ACK) to {@code t} via {@code to}, port 0 and hash 0, as the codecs build it. */
    private byte[] template(MacAddress to, InetAddress t) {
        PacketBuilder b = PacketBuilder.ethernet(sourceMac, to);
        if (t instanceof Inet4Address a) {
            b.ipv4((Inet4Address) source, a);
        } else {
            b.ipv6((Inet6Address) source, (Inet6Address) t);
        }
        return b.tcp(kind.header(sourcePort), new byte[0]).build();
    }

    /** Queues one probe, to go with the others due now at the next {@link #flush}. */
    private void send(byte[] frame, ScanControl control) {
        retrying(() -> channel.queue(frame), control);
    }

    /** Sends the probes queued: one system call for a batch (the channel's {@link FrameChannel#queue}). */
    private void flush(ScanControl control) {
        retrying(channel::flush, control);
    }

    /**
     * Runs a send. A full queue on the way out (ENOBUFS: the link's backlog is full) is not an error for a
     * scanner: it reads replies for a millisecond and tries again, as masscan does, up to ten seconds.
     */
    private void retrying(Runnable sending, ScanControl control) {
        long giveUp = 0;
        while (true) {
            try {
                sending.run();
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

    private static int u16(byte[] d, int off) {
        return (d[off] & 0xff) << 8 | (d[off + 1] & 0xff);
    }

    /** Reads one frame (waiting until {@code deadline} at most); false when none came. */
    private boolean drain(long deadline, ScanControl control) {
        CapturedFrame f = channel.receive(deadline);
        if (f == null) {
            return false;
        }
        long now = System.nanoTime();
        TcpProbe.Reply r = kind.match(f.data(), link, key, sourcePort);
        if (r == null) {
            return true;
        }
        int h = table.hostIndex(r.host());
        int p = portIndex[r.port()];
        if (h < 0 || p < 0) {
            return true;
        }
        int idx = table.index(h, p);
        if (stateless && !table.known(idx)) {
            long sentAt = sentNanos(idx);
            table.set(idx, r.state(), r.reason(), (now - sentAt) / 1e6);
            if (r.fromTarget()) {
                table.markHeard(h);
            }
            pacer.answered(h, 0, sentAt, now, true);
            control.settled(1);
        } else if (!stateless && !table.known(idx) && tries[idx] != 0) {
            long sentAt = sentNanos(idx);
            double rttMs = (now - sentAt) / 1e6;
            boolean inFlight = (tries[idx] & 0x80) != 0;
            tries[idx] &= 0x7f;
            table.set(idx, r.state(), r.reason(), rttMs);
            pacer.answered(h, tries[idx] - 1, sentAt, now, inFlight);
            control.settled(1);
        }
        return true;
    }

    /** A growable ring of probe numbers (no boxing: a scan keeps up to millions in flight at a fixed rate). */
    private static final class IntQueue {
        private int[] a = new int[256];
        private int head;
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        void add(int v) {
            if (size == a.length) {
                int[] b = new int[a.length * 2];
                for (int i = 0; i < size; i++) {
                    b[i] = a[(head + i) % a.length];
                }
                a = b;
                head = 0;
            }
            a[(head + size++) % a.length] = v;
        }

        int peek() {
            return a[head];
        }

        int poll() {
            int v = a[head];
            head = (head + 1) % a.length;
            size--;
            return v;
        }
    }
}
