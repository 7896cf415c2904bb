package dev.netkit.subnet;

import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import dev.netkit.NetkitException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collapses prefixes into the minimal sorted list that covers exactly the same addresses (what Python's
 * {@code ipaddress.collapse_addresses} does): union the address ranges, then cut each range into the
 * fewest aligned blocks. IPv4 runs on packed longs so a million prefixes merge in well under a second.
 */
public final class CidrMerger {
    /** IPv4 prefixes packed as {@code start << 6 | prefix}. */
    private long[] v4 = new long[1024];
    private int v4Count;
    private final List<BigInteger[]> v6 = new ArrayList<>();

    /** The merged prefixes: {@code v4} packed as {@code start << 6 | prefix} in order, then IPv6 in order. */
    public record Result(long[] v4, int v4Count, List<Cidr> v6) {
        public List<Cidr> all() {
            List<Cidr> out = new ArrayList<>(v4Count + v6.size());
            for (int i = 0; i < v4Count; i++) {
                out.add(new Cidr(IpAddress.v4(v4[i] >>> 6), (int) (v4[i] & 63)));
            }
            out.addAll(v6);
            return out;
        }
    }

    public void add(Cidr c) {
        Cidr n = c.normalized();
        if (n.version() == 4) {
            addV4(n.network().lo(), n.prefix());
        } else {
            BigInteger start = n.network().toBigInteger();
            v6.add(new BigInteger[] {start, n.last().toBigInteger()});
        }
    }

    private void addV4(long start, int prefix) {
        if (v4Count == v4.length) {
            v4 = Arrays.copyOf(v4, v4.length * 2);
        }
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        v4[v4Count++] = ((start & mask) << 6) | prefix;
    }

    /**
     * Reads one prefix per line (blank lines and {@code #} comments skipped; host bits are cleared, a bare
     * address is a /32 or /128). A bad line is a usage error naming its line number.
     */
    public void addLines(InputStream in) {
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[256];
        int len = 0;
        long lineNo = 1;
        boolean overlong = false;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        addLine(line, len, overlong, lineNo++);
                        len = 0;
                        overlong = false;
                    } else if (len < line.length) {
                        line[len++] = b;
                    } else {
                        overlong = true;
                    }
                }
            }
            addLine(line, len, overlong, lineNo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addLine(byte[] b, int len, boolean overlong, long lineNo) {
        int s = 0;
        int e = len;
        while (s < e && isSpace(b[s])) {
            s++;
        }
        for (int i = s; i < e; i++) {
            if (b[i] == '#') {
                e = i;
                break;
            }
        }
        while (e > s && isSpace(b[e - 1])) {
            e--;
        }
        if (s == e && !overlong) {
            return;
        }
        if (!overlong && fastV4(b, s, e)) {
            return;
        }
        String text = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        if (overlong) {
            throw NetkitException.usage("line " + lineNo + ": over " + b.length + " characters, not a prefix");
        }
        try {
            add(Cidr.parse(text));
        } catch (NetkitException ex) {
            throw NetkitException.usage("line " + lineNo + ": " + ex.getMessage());
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /** Parses a canonical a.b.c.d[/p] without allocating; false means "let the strict parser decide". */
    private boolean fastV4(byte[] b, int s, int e) {
        long addr = 0;
        int i = s;
        for (int octet = 0; octet < 4; octet++) {
            int start = i;
            int v = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9' && i - start < 3) {
                v = v * 10 + (b[i] - '0');
                i++;
            }
            if (i == start || v > 255 || (i - start > 1 && b[start] == '0')) {
                return false;
            }
            addr = (addr << 8) | v;
            if (octet < 3) {
                if (i >= e || b[i] != '.') {
                    return false;
                }
                i++;
            }
        }
        int prefix = 32;
        if (i < e) {
            if (b[i] != '/' || i + 1 == e || e - i > 3) {
                return false;
            }
            prefix = 0;
            for (i++; i < e; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return false;
                }
                prefix = prefix * 10 + (b[i] - '0');
            }
            if (prefix > 32) {
                return false;
            }
        }
        addV4(addr, prefix);
        return true;
    }

    public Result merge() {
        long[] sorted = Arrays.copyOf(v4, v4Count);
        Arrays.sort(sorted);
        long[] out = new long[Math.max(16, v4Count)];
        int outCount = 0;
        int i = 0;
        while (i < sorted.length) {
            long start = sorted[i] >>> 6;
            long end = start + (1L << (32 - (int) (sorted[i] & 63))) - 1;
            i++;
            while (i < sorted.length && (sorted[i] >>> 6) <= end + 1) {
                long e2 = (sorted[i] >>> 6) + (1L << (32 - (int) (sorted[i] & 63))) - 1;
                end = Math.max(end, e2);
                i++;
            }
            while (start <= end) {
                int align = start == 0 ? 32 : Long.numberOfTrailingZeros(start);
                int span = 63 - Long.numberOfLeadingZeros(end - start + 1);
                int size = Math.min(Math.min(align, span), 32);
                if (outCount == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[outCount++] = (start << 6) | (32 - size);
                start += 1L << size;
            }
        }
        return new Result(out, outCount, mergeV6());
    }

    private List<Cidr> mergeV6() {
        List<BigInteger[]> ranges = new ArrayList<>(v6);
        ranges.sort((a, b) -> a[0].compareTo(b[0]));
        List<Cidr> out = new ArrayList<>();
        int i = 0;
        while (i < ranges.size()) {
            BigInteger start = ranges.get(i)[0];
            BigInteger end = ranges.get(i)[1];
            i++;
            while (i < ranges.size() && ranges.get(i)[0].compareTo(end.add(BigInteger.ONE)) <= 0) {
                end = end.max(ranges.get(i)[1]);
                i++;
            }
            out.addAll(Cidr.range(IpAddress.fromBigInteger(6, start), IpAddress.fromBigInteger(6, end)));
        }
        return out;
    }
}
