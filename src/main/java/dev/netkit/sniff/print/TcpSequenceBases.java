package dev.netkit.sniff.print;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The first sequence numbers of each TCP conversation, both directions, from which tcpdump prints relative
 * ones. A capture holds tens of thousands of conversations: IPv4 ones live in flat arrays (open addressing,
 * no object per conversation, so the garbage collector has nothing to copy), IPv6 ones in a map.
 * Use: {@link #find} a packet's conversation, then read or {@link #set} its bases in the packet's direction.
 */
final class TcpSequenceBases {
    /** Conversations kept before starting afresh (bounds the memory of an endless capture). */
    private static final int LIMIT = 1_000_000;
    private static final long USED = 1L << 40;
    private static final long MASK32 = 0xFFFFFFFFL;

    /** Per IPv4 slot: both addresses; both ports with {@link #USED}; the two bases packed high/low. */
    private long[] addresses = new long[1 << 12];
    private long[] ports = new long[1 << 12];
    private long[] bases = new long[1 << 12];
    private int used;
    private final Map<V6Key, long[]> v6 = new HashMap<>();

    /** The conversation {@link #find} looked up: a slot (IPv4) or a map key (IPv6), and the packet's direction. */
    private int slot;
    private long slotAddresses;
    private long slotPorts;
    private V6Key key;
    private boolean reversed;
    private long first;
    private long second;

    private record V6Key(long a0, long a1, long b0, long b1, long ports) {
    }

    /** Looks up the conversation of a packet from src.sp to dst.dp; true when it was seen before. */
    boolean find(InetAddress src, int sp, InetAddress dst, int dp) {
        if (src instanceof java.net.Inet4Address && dst instanceof java.net.Inet4Address) {
            return find4(AddressText.ipv4Bits(src), sp, AddressText.ipv4Bits(dst), dp);
        }
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        int c = Arrays.compareUnsigned(s, d);
        reversed = c > 0 || (c == 0 && sp > dp);
        byte[] a = reversed ? d : s;
        byte[] b = reversed ? s : d;
        long p = USED | (long) (reversed ? dp : sp) << 16 | (reversed ? sp : dp);
        key = new V6Key(high(a), low(a), high(b), low(b), p);
        long[] v = v6.get(key);
        if (v == null) {
            return false;
        }
        first = v[0];
        second = v[1];
        return true;
    }

    /** {@link #find} for IPv4 addresses given as their 32 bits (no byte[] per address). */
    private boolean find4(int s, int sp, int d, int dp) {
        int c = Integer.compareUnsigned(s, d);
        reversed = c > 0 || (c == 0 && sp > dp);
        int a = reversed ? d : s;
        int b = reversed ? s : d;
        key = null;
        slotAddresses = (a & MASK32) << 32 | (b & MASK32);
        slotPorts = USED | (long) (reversed ? dp : sp) << 16 | (reversed ? sp : dp);
        slot = probe(slotAddresses, slotPorts);
        if (ports[slot] == 0) {
            return false;
        }
        first = bases[slot] >>> 32;
        second = bases[slot] & MASK32;
        return true;
    }

    /** The base of the found conversation's sequence numbers in the packet's direction. */
    long seqBase() {
        return reversed ? second : first;
    }

    /** The base of its acknowledgement numbers (the other direction's sequence base). */
    long ackBase() {
        return reversed ? first : second;
    }

    /** Sets (or adds) the found conversation's bases, given in the packet's direction. */
    void set(long seqBase, long ackBase) {
        first = reversed ? ackBase : seqBase;
        second = reversed ? seqBase : ackBase;
        if (key != null) {
            if (!v6.containsKey(key) && v6.size() > LIMIT) {
                v6.clear();
            }
            v6.put(key, new long[] {first, second});
            return;
        }
        if (ports[slot] == 0) {
            if (used > LIMIT) {
                clear();
            }
            if ((used + 1) * 2 > ports.length) {
                grow();
            }
            slot = probe(slotAddresses, slotPorts);
            addresses[slot] = slotAddresses;
            ports[slot] = slotPorts;
            used++;
        }
        bases[slot] = first << 32 | second;
    }

    /** The slot holding this key, or the empty slot where it would go. */
    private int probe(long addrs, long prts) {
        int m = ports.length - 1;
        long h = (addrs ^ (prts * 0x9E3779B97F4A7C15L)) * 0xC2B2AE3D27D4EB4FL;
        int i = (int) (h >>> 40) & m;
        while (ports[i] != 0 && (ports[i] != prts || addresses[i] != addrs)) {
            i = (i + 1) & m;
        }
        return i;
    }

    private void grow() {
        long[] oldAddresses = addresses;
        long[] oldPorts = ports;
        long[] oldBases = bases;
        addresses = new long[oldPorts.length * 2];
        ports = new long[oldPorts.length * 2];
        bases = new long[oldPorts.length * 2];
        for (int i = 0; i < oldPorts.length; i++) {
            if (oldPorts[i] != 0) {
                int j = probe(oldAddresses[i], oldPorts[i]);
                addresses[j] = oldAddresses[i];
                ports[j] = oldPorts[i];
                bases[j] = oldBases[i];
            }
        }
    }

    private void clear() {
        Arrays.fill(ports, 0);
        used = 0;
    }

    private static int int32(byte[] x, int i) {
        return (x[i] & 0xff) << 24 | (x[i + 1] & 0xff) << 16 | (x[i + 2] & 0xff) << 8 | (x[i + 3] & 0xff);
    }

    /** The first 8 bytes of an IPv6 address; an IPv4 one counts as ::ffff:a.b.c.d (what IPv6 maps it from). */
    private static long high(byte[] x) {
        return x.length == 16 ? (int32(x, 0) & MASK32) << 32 | (int32(x, 4) & MASK32) : 0;
    }

    private static long low(byte[] x) {
        return x.length == 16 ? (int32(x, 8) & MASK32) << 32 | (int32(x, 12) & MASK32)
                : 0xFFFFL << 32 | (int32(x, 0) & MASK32);
    }
}
