package dev.netkit.scan;

import dev.netkit.NetkitException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

/**
 * nmap's -p syntax: {@code 22,80,8000-8100}, {@code -} or {@code -p-} for 1-65535, open ranges {@code -1024} and
 * {@code 60000-}, and {@code T:}/{@code U:} prefixes that send the following ports to TCP or UDP.
 *
 * @param tcp the TCP ports, sorted, each once
 * @param udp the UDP ports, sorted, each once
 */
public record PortSpec(List<Integer> tcp, List<Integer> udp) {

    /** Parses a port list; ports without a prefix go to {@code defaultProto} ("tcp" or "udp"). */
    public static PortSpec parse(String text, String defaultProto) {
        return parse(text, defaultProto, n -> {
            if (n < 0 || n > 65535) {
                throw NetkitException.usage("'" + n + "' in '" + text + "' is not a port (0-65535)");
            }
            return n;
        });
    }

    /**
     * As {@link #parse(String, String)}, each number given passed through {@code inRange} (which returns it or
     * throws: a command's option checks it with its own message) before a range is expanded.
     */
    public static PortSpec parse(String text, String defaultProto, LongUnaryOperator inRange) {
        TreeSet<Integer> tcp = new TreeSet<>();
        TreeSet<Integer> udp = new TreeSet<>();
        TreeSet<Integer> current = defaultProto.equals("udp") ? udp : tcp;
        String s = text.strip();
        if (s.isEmpty()) {
            throw NetkitException.usage("an empty port list");
        }
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "T:", 0, 2)) {
                current = tcp;
                p = p.substring(2);
            } else if (p.regionMatches(true, 0, "U:", 0, 2)) {
                current = udp;
                p = p.substring(2);
            }
            if (p.isEmpty()) {
                throw NetkitException.usage("an empty item in the port list '" + text + "'");
            }
            int dash = p.indexOf('-');
            int lo;
            int hi;
            if (dash < 0) {
                lo = (int) inRange.applyAsLong(port(p, text));
                hi = lo;
            } else {
                lo = dash == 0 ? 1 : (int) inRange.applyAsLong(port(p.substring(0, dash), text));
                hi = dash == p.length() - 1 ? 65535 : (int) inRange.applyAsLong(port(p.substring(dash + 1), text));
            }
            if (hi < lo) {
                throw NetkitException.usage("port range '" + p + "' ends before it starts");
            }
            for (int i = lo; i <= hi; i++) {
                current.add(i);
            }
        }
        return new PortSpec(List.copyOf(tcp), List.copyOf(udp));
    }

    /** A port number's syntax (its range is the caller's {@code inRange}). */
    private static long port(String p, String text) {
        String d = p.strip();
        // -?[0-9]{1,18}, without compiling a regular expression at every scan's start (issue 17)
        int sign = d.startsWith("-") ? 1 : 0;
        boolean digits = d.length() - sign >= 1 && d.length() - sign <= 18;
        for (int i = sign; digits && i < d.length(); i++) {
            digits = d.charAt(i) >= '0' && d.charAt(i) <= '9';
        }
        if (digits) {
            return Long.parseLong(d);
        }
        throw NetkitException.usage("'" + p + "' in '" + text + "' is not a port (0-65535)");
    }

    /**
     * The {@code n} most used ports of a protocol by nmap's frequency table ({@code /usr/share/nmap/nmap-services}),
     * or ports 1 to n when that file is not installed.
     */
    public static List<Integer> top(int n, String proto) {
        Path f = Path.of("/usr/share/nmap/nmap-services");
        if (Files.isReadable(f)) {
            record Entry(int port, double freq) {
            }
            List<Entry> all = new ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(f)) {
                String line;
                String suffix = "/" + proto;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    String[] c = line.split("\t");
                    if (c.length >= 3 && c[1].endsWith(suffix)) {
                        all.add(new Entry(Integer.parseInt(c[1].substring(0, c[1].indexOf('/'))),
                                Double.parseDouble(c[2])));
                    }
                }
            } catch (IOException | RuntimeException e) {
                all.clear();
            }
            if (!all.isEmpty()) {
                all.sort(Comparator.comparingDouble(Entry::freq).reversed().thenComparingInt(Entry::port));
                return all.stream().limit(n).map(Entry::port).sorted().distinct().toList();
            }
        }
        List<Integer> l = new ArrayList<>();
        for (int i = 1; i <= Math.min(n, 65535); i++) {
            l.add(i);
        }
        return l;
    }

    /** Ascending ports as nmap writes them in its XML: 1-21,23,25-79 (the inverse of {@link #parse}). */
    public static String format(List<Integer> sorted) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int first = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            b.append(b.isEmpty() ? "" : ",").append(first);
            if (sorted.get(i) != first) {
                b.append('-').append(sorted.get(i));
            }
        }
        return b.toString();
    }

    /**
     * The ports of shard {@code index} of {@code of} (1-based, {@code 1 <= index <= of}): a permutation fixed by the
     * seed, every N-th from I-1, so machines given the same seed split the ports without talking to each other.
     */
    public static List<Integer> shard(List<Integer> list, int index, int of, long seed) {
        if (of < 1 || index < 1 || index > of) {
            throw new IllegalArgumentException("shard " + index + "/" + of);
        }
        int i = index;
        int n = of;
        List<Integer> perm = new ArrayList<>(list);
        java.util.Collections.shuffle(perm, new java.util.Random(seed));
        List<Integer> mine = new ArrayList<>();
        for (int k = i - 1; k < perm.size(); k += n) {
            mine.add(perm.get(k));
        }
        java.util.Collections.sort(mine);
        return mine;
    }
}
