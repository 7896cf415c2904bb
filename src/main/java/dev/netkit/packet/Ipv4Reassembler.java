package dev.netkit.packet;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Reassembles IPv4 fragments into datagrams (RFC 791 section 3.2), keyed by source, destination, protocol
 * and identification. Fragments may come in any order and be duplicated. A fragment that overlaps bytes
 * already received with different contents discards the whole datagram (the policy RFC 5722 sets for IPv6,
 * which Linux also applies to IPv4); so does one that would make the datagram longer than 65535 bytes or
 * disagree about where it ends. Datagrams not complete within the timeout are dropped.
 *
 * <p>Not thread-safe; time is passed in by the caller in milliseconds, so tests need no clock.
 */
public final class Ipv4Reassembler {
    /** Linux's default {@code net.ipv4.ipfrag_time}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Which datagram a fragment belongs to (RFC 791: source, destination, protocol, identification). */
    public record Key(Inet4Address source, Inet4Address destination, IpProtocol protocol, int identification) {
    }

    private static final class Pending {
        final long started;
        final byte[] payload = new byte[65535];
        final BitSet received = new BitSet();
        Ipv4Header first;
        int end = -1;

        Pending(long started) {
            this.started = started;
        }
    }

    private final long timeoutMillis;
    private final int maxPending;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private long discarded;

    public Ipv4Reassembler() {
        this(DEFAULT_TIMEOUT, 64);
    }

    /** At most {@code maxPending} datagrams are kept at once; the oldest is dropped to make room. */
    public Ipv4Reassembler(Duration timeout, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1");
        }
        this.timeoutMillis = timeout.toMillis();
        this.maxPending = maxPending;
    }

    /**
     * Takes one datagram or fragment received at {@code nowMillis}: returns the whole datagram when this
     * completed it (an unfragmented datagram is returned as it is), empty otherwise.
     *
     * @throws MalformedPacketException when {@code datagram} is not a valid, complete IPv4 datagram
     */
    public Optional<byte[]> offer(byte[] datagram, long nowMillis) {
        expire(nowMillis);
        Ipv4Packet p = Ipv4Packet.newChecked(datagram);
        if (p.truncated()) {
            throw MalformedPacketException.truncated("IPv4", "total length", p.totalLength(), datagram.length);
        }
        Ipv4Header h = Ipv4Header.parse(p);
        if (!h.isFragment()) {
            return Optional.of(Arrays.copyOf(datagram, h.totalLength()));
        }
        int start = h.fragmentOffset() * 8;
        int length = p.payloadLength();
        if (h.moreFragments() && length % 8 != 0) {
            throw new MalformedPacketException("IPv4", "fragment with MF set carries " + length
                    + " bytes, not a multiple of 8");
        }
        Key key = new Key(h.source(), h.destination(), h.protocol(), h.identification());
        Pending d = pending.get(key);
        if (d == null) {
            if (pending.size() >= maxPending) {
                Iterator<Key> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
                discarded++;
            }
            d = new Pending(nowMillis);
            pending.put(key, d);
        }
        int stop = start + length;
        if (stop + (start == 0 ? h.headerLength() : 20) > 65535 || !fits(d, h, start, stop)) {
            pending.remove(key);
            discarded++;
            return Optional.empty();
        }
        for (int i = d.received.nextSetBit(start); i >= 0 && i < stop; i = d.received.nextSetBit(i + 1)) {
            if (d.payload[i] != datagram[p.payloadOffset() + i - start]) {
                pending.remove(key);
                discarded++;
                return Optional.empty();
            }
        }
        System.arraycopy(datagram, p.payloadOffset(), d.payload, start, length);
        d.received.set(start, stop);
        if (start == 0) {
            d.first = h;
        }
        if (!h.moreFragments()) {
            d.end = stop;
        }
        if (d.end < 0 || d.first == null || d.received.nextClearBit(0) < d.end) {
            return Optional.empty();
        }
        pending.remove(key);
        Ipv4Header whole = d.first.withFlags(d.first.flags() & ~Ipv4Header.FLAG_MORE_FRAGMENTS, 0,
                d.first.headerLength() + d.end);
        byte[] out = new byte[whole.totalLength()];
        int at = whole.emit(out, 0);
        System.arraycopy(d.payload, 0, out, at, d.end);
        return Optional.of(out);
    }

    /** False when this fragment disagrees about where the datagram ends. */
    private static boolean fits(Pending d, Ipv4Header h, int start, int stop) {
        if (!h.moreFragments()) {
            return (d.end < 0 || d.end == stop) && d.received.length() <= stop;
        }
        return d.end < 0 || stop <= d.end;
    }

    /** Drops the datagrams whose first fragment came more than the timeout before {@code nowMillis}; returns their keys. */
    public List<Key> expire(long nowMillis) {
        List<Key> expired = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> e = it.next();
            if (nowMillis - e.getValue().started > timeoutMillis) {
                expired.add(e.getKey());
                it.remove();
                discarded++;
            }
        }
        return expired;
    }

    /** Datagrams still waiting for fragments. */
    public int pending() {
        return pending.size();
    }

    /** Datagrams dropped so far: timed out, overlapping, too long, inconsistent or evicted. */
    public long discarded() {
        return discarded;
    }
}
