package dev.netkit.scan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of one scan kept compactly (one byte and one float per probe, no object per port), so a scan of
 * 65,534 hosts x 100 ports fits in a few tens of megabytes. Probes are numbered port-major
 * ({@code port * hosts + host}), the order they are sent in; {@link #results(int)} turns one host's row into
 * {@link PortResult}s when it is printed.
 *
 * <p>A {@link #lean lean} table (the stateless sweep's) keeps only what a reply said: one byte per port of the
 * hosts that something answered for, nothing for the silent ones, and no times; once the scan is over, every port
 * without a reply reads as the one verdict {@link #fillUnknown} gives. Whether a host itself answered is kept
 * ({@link #heardFrom}), so that a report can leave out the hosts that never did.
 */
public final class PortTable {
    /** nmap's reason words, stored as their index here. */
    static final List<String> REASONS = List.of("syn-ack", "reset", "conn-refused", "no-response", "port-unreach",
            "udp-response", "host-unreach", "admin-prohibited", "net-unreach", "proto-unreach", "user-set");

    private final List<? extends InetAddress> hosts;
    private final int[] ports;
    private final String proto;
    private final byte[] verdict;
    private final float[] rtt;
    /** Instead of rtt in big SYN scans: whole milliseconds (send time mod 65536, then the round trip). */
    private final char[] rttMs;
    private final boolean[] skipped;
    private final String[] banners;
    /** Lean: the verdicts of each host something answered for (null: none did); verdict, rtt and rttMs are null. */
    private final byte[][] rows;
    /** Lean: the hosts whose own reply came (not only a router's ICMP error about them). */
    private final java.util.BitSet heard;
    /** Lean: the verdict byte of every port without a reply once the scan is over (0 until then). */
    private byte fill;
    private Map<InetAddress, Integer> index;
    private int[] v4Keys;
    private int[] v4Rows;

    public PortTable(List<? extends InetAddress> hosts, List<Integer> ports, String proto) {
        this(hosts, ports, proto, false);
    }

    /** @param coarseTimes keep times as whole milliseconds in two bytes instead of a float (big scans) */
    public PortTable(List<? extends InetAddress> hosts, List<Integer> ports, String proto, boolean coarseTimes) {
        this.hosts = List.copyOf(hosts);
        this.ports = ports.stream().mapToInt(Integer::intValue).toArray();
        this.proto = proto;
        long n = (long) hosts.size() * ports.size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many probes: " + n);
        }
        this.verdict = new byte[(int) n];
        this.rtt = coarseTimes ? null : new float[(int) n];
        this.rttMs = coarseTimes ? new char[(int) n] : null;
        this.skipped = new boolean[hosts.size()];
        this.banners = null;
        this.rows = null;
        this.heard = null;
    }

    private PortTable(List<? extends InetAddress> hosts, List<Integer> ports, String proto, byte[][] rows) {
        this.hosts = List.copyOf(hosts);
        this.ports = ports.stream().mapToInt(Integer::intValue).toArray();
        this.proto = proto;
        if ((long) hosts.size() * ports.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many probes: " + (long) hosts.size() * ports.size());
        }
        this.verdict = null;
        this.rtt = null;
        this.rttMs = null;
        this.skipped = new boolean[hosts.size()];
        this.banners = null;
        this.rows = rows;
        this.heard = new java.util.BitSet(hosts.size());
    }

    /**
     * A table of the replies only (issue 16's lean sweep): a port's byte exists only on a host something answered
     * for, and no time is kept (a result's rtt is -1).
     */
    public static PortTable lean(List<? extends InetAddress> hosts, List<Integer> ports, String proto) {
        return new PortTable(hosts, ports, proto, new byte[hosts.size()][]);
    }

    private PortTable(PortTable t, String[] banners) {
        this.hosts = t.hosts;
        this.ports = t.ports;
        this.proto = t.proto;
        this.verdict = t.verdict;
        this.rtt = t.rtt;
        this.rttMs = t.rttMs;
        this.skipped = t.skipped;
        this.banners = banners;
        this.rows = t.rows;
        this.heard = t.heard;
    }

    public int size() {
        return hosts.size() * ports.length;
    }

    /** True for a table of the replies only ({@link #lean}). */
    public boolean isLean() {
        return rows != null;
    }

    /** Lean: notes that host {@code h} itself answered. */
    void markHeard(int h) {
        heard.set(h);
    }

    /** Whether host {@code h} itself answered (always true in a table that is not lean: it reports every host). */
    public boolean heardFrom(int h) {
        return rows == null || heard.get(h);
    }

    public int hostCount() {
        return hosts.size();
    }

    public InetAddress host(int h) {
        return hosts.get(h);
    }

    public List<? extends InetAddress> hosts() {
        return hosts;
    }

    public int port(int idx) {
        return ports[idx / hosts.size()];
    }

    public int hostOf(int idx) {
        return idx % hosts.size();
    }

    public int index(int host, int portIndex) {
        return portIndex * hosts.size() + host;
    }

    public String proto() {
        return proto;
    }

    /** The host's row number, or -1 when it is not in this table. */
    public int hostIndex(InetAddress a) {
        buildIndex();
        if (a instanceof java.net.Inet4Address) {
            byte[] b = a.getAddress();
            return hostIndexV4((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff));
        }
        return index.getOrDefault(a, -1);
    }

    /** The row of an IPv4 host given as a 32-bit number, or -1 (no object per lookup: replies use it). */
    public int hostIndexV4(int address) {
        buildIndex();
        int k = Arrays.binarySearch(v4Keys, address);
        return k < 0 ? -1 : v4Rows[k];
    }

    /** IPv4 hosts in two sorted int arrays (8 bytes a host, not a map entry's 70), IPv6 in a map. */
    private void buildIndex() {
        if (index != null) {
            return;
        }
        Map<InetAddress, Integer> v6 = new HashMap<>();
        long[] packed = new long[hosts.size()];
        int n = 0;
        for (int i = 0; i < hosts.size(); i++) {
            byte[] b = hosts.get(i).getAddress();
            if (b.length == 4) {
                int v = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
                packed[n++] = (long) v << 32 | i;
            } else {
                v6.put(hosts.get(i), i);
            }
        }
        packed = Arrays.copyOf(packed, n);
        Arrays.sort(packed); // by the signed address, as binarySearch over v4Keys expects
        v4Keys = new int[n];
        v4Rows = new int[n];
        for (int k = 0; k < n; k++) {
            v4Keys[k] = (int) (packed[k] >> 32);
            v4Rows[k] = (int) packed[k];
        }
        index = v6;
    }

    /** True once probe {@code idx} has a verdict. */
    public boolean known(int idx) {
        return get(idx) != 0;
    }

    /** The stored verdict byte of probe {@code idx} (0: none). */
    private int get(int idx) {
        if (rows == null) {
            return verdict[idx];
        }
        int h = hostOf(idx);
        byte[] row = rows[h];
        byte v = row == null ? 0 : row[idx / hosts.size()];
        return v != 0 || skipped[h] ? v : fill;
    }

    /** While a probe has no verdict its rtt slot holds when it was (last) sent, in ms since the scan began. */
    void markSent(int idx, double ms) {
        if (rtt != null) {
            rtt[idx] = (float) ms;
        } else {
            rttMs[idx] = (char) (long) ms;
        }
    }

    /** Milliseconds since {@code sentMs(idx)} was marked, at {@code nowMs}. */
    double elapsedMs(int idx, double nowMs) {
        if (rtt != null) {
            return nowMs - rtt[idx];
        }
        return ((long) nowMs - rttMs[idx]) & 0xffff;
    }

    /** Records a verdict; the first one stays. Returns false when the probe already had one. */
    public boolean set(int idx, PortState state, String reason, double rttMs) {
        if (get(idx) != 0) {
            return false;
        }
        int r = REASONS.indexOf(reason);
        if (r < 0) {
            throw new IllegalArgumentException("unknown reason " + reason);
        }
        byte v = (byte) ((r << 3 | state.ordinal()) + 1);
        if (rows != null) {
            int h = hostOf(idx);
            if (rows[h] == null) {
                rows[h] = new byte[ports.length];
            }
            rows[h][idx / hosts.size()] = v;
            return true;
        }
        verdict[idx] = v;
        if (rtt != null) {
            rtt[idx] = (float) rttMs;
        } else {
            this.rttMs[idx] = (char) (rttMs < 0 ? 0xffff : Math.min(0xfffe, Math.round(rttMs)));
        }
        return true;
    }

    /** The verdict of probe {@code idx} as a record, or null when it has none yet. */
    public PortResult result(int idx) {
        int v = get(idx) - 1;
        if (v < 0) {
            return null;
        }
        return new PortResult(hosts.get(hostOf(idx)), port(idx), proto, PortState.values()[v & 7],
                REASONS.get(v >>> 3), rtt != null ? rtt[idx] : rttMs == null || rttMs[idx] == 0xffff ? -1 : rttMs[idx],
                banners == null ? null : banners[idx]);
    }

    /** Gives up on a host (--host-timeout): it is not probed further and not reported. */
    public void skip(int host) {
        skipped[host] = true;
    }

    public boolean skipped(int host) {
        return skipped[host];
    }

    /** One host's known verdicts, ports ascending (as the port list was given). */
    public List<PortResult> results(int host) {
        List<PortResult> out = new ArrayList<>();
        for (int p = 0; p < ports.length; p++) {
            PortResult r = result(index(host, p));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** How many probes have a verdict. */
    public long knownCount() {
        long n = 0;
        if (rows == null) {
            for (byte b : verdict) {
                if (b != 0) {
                    n++;
                }
            }
            return n;
        }
        for (int h = 0; h < rows.length; h++) {
            long answered = 0;
            for (int i = 0; rows[h] != null && i < rows[h].length; i++) {
                if (rows[h][i] != 0) {
                    answered++;
                }
            }
            n += fill != 0 && !skipped[h] ? ports.length : answered;
        }
        return n;
    }

    /**
     * Every probe without a verdict gets {@code state}/{@code reason} (after the last retry); a lean table keeps the
     * one verdict for them all instead.
     */
    public void fillUnknown(PortState state, String reason) {
        if (rows != null) {
            fill = (byte) ((REASONS.indexOf(reason) << 3 | state.ordinal()) + 1);
            return;
        }
        for (int i = 0; i < verdict.length; i++) {
            if (verdict[i] == 0 && !skipped[hostOf(i)]) {
                set(i, state, reason, -1);
            }
        }
    }

    /** A copy that shows banners (by probe index; null where none). */
    public PortTable withBanners(Map<Integer, String> byIndex) {
        String[] b = new String[size()];
        byIndex.forEach((i, s) -> b[i] = s);
        return new PortTable(this, b);
    }

    @Override
    public String toString() {
        return "PortTable" + Arrays.toString(ports) + " x " + hosts.size() + " " + proto;
    }
}
