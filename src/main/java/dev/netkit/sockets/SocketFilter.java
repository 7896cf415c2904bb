package dev.netkit.sockets;

import dev.netkit.NetkitException;
import dev.netkit.system.IpLiteral;
import dev.netkit.address.Cidr;
import dev.netkit.system.Services;
import dev.netkit.system.SocketEntry;
import dev.netkit.system.SocketState;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ss's filter words (ss(8), "STATE-FILTER" and "EXPRESSION"): {@code state established}, {@code exclude listening},
 * {@code sport = :443}, {@code dport != :22}, {@code dst 198.18.10.0/24}, {@code src 198.18.1.10:80}, joined by
 * {@code and}, {@code or}, {@code not} and parentheses. Several {@code state} words add up, as in ss.
 */
public final class SocketFilter {
    /** What ss shows without -a or -l: every state but LISTEN, UNCONN, TIME-WAIT and SYN-RECV. */
    public static final Set<SocketState> CONNECTED_DEFAULT = EnumSet.complementOf(EnumSet.of(
            SocketState.LISTEN, SocketState.CLOSE, SocketState.TIME_WAIT, SocketState.SYN_RECV));

    private final Set<SocketState> states;
    private final Predicate<SocketEntry> expression;
    private final boolean inetOnly;

    private SocketFilter(Set<SocketState> states, Predicate<SocketEntry> expression, boolean inetOnly) {
        this.states = states;
        this.expression = expression;
        this.inetOnly = inetOnly;
    }

    /** The states that {@code state}/{@code exclude} words selected, or null when there were none. */
    public Set<SocketState> states() {
        return states;
    }

    /**
     * Whether {@code s} passes the expression part (the state words are applied by the caller with {@link #states()}).
     * An expression that names ports or addresses selects IP sockets only, also under {@code not}.
     */
    public boolean test(SocketEntry s) {
        if (inetOnly && s.proto().equals("unix")) {
            return false;
        }
        return expression.test(s);
    }

    /** Parses the filter words; {@code services} resolves names like {@code :ssh}. A usage error says what is wrong. */
    public static SocketFilter parse(List<String> words, Services services) {
        List<String> tokens = tokenize(words);
        Set<SocketState> states = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("state") || t.equals("exclude")) {
                if (i + 1 >= tokens.size()) {
                    throw NetkitException.usage("'" + t + "' needs a state name (established, listening, time-wait, ...)");
                }
                Set<SocketState> named = stateGroup(tokens.get(++i));
                if (t.equals("state")) {
                    if (states == null) {
                        states = EnumSet.noneOf(SocketState.class);
                    }
                    states.addAll(named);
                } else {
                    if (states == null) {
                        states = EnumSet.allOf(SocketState.class);
                    }
                    states.removeAll(named);
                }
            } else {
                rest.add(t);
            }
        }
        Parser p = new Parser(rest, services);
        Predicate<SocketEntry> expr = rest.isEmpty() ? s -> true : p.parseOr();
        if (p.pos < rest.size()) {
            throw NetkitException.usage("unexpected '" + rest.get(p.pos) + "' in the filter");
        }
        return new SocketFilter(states, expr, p.inet);
    }

    /** A state name or one of ss's groups: all, connected, synchronized, bucket, big. */
    static Set<SocketState> stateGroup(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        EnumSet<SocketState> all = EnumSet.allOf(SocketState.class);
        all.remove(SocketState.UNKNOWN);
        EnumSet<SocketState> bucket = EnumSet.of(SocketState.SYN_RECV, SocketState.TIME_WAIT);
        switch (w) {
            case "all":
                return all;
            case "connected": {
                EnumSet<SocketState> s = EnumSet.copyOf(all);
                s.removeAll(EnumSet.of(SocketState.LISTEN, SocketState.CLOSE));
                return s;
            }
            case "synchronized": {
                EnumSet<SocketState> s = EnumSet.copyOf(all);
                s.removeAll(EnumSet.of(SocketState.LISTEN, SocketState.CLOSE, SocketState.SYN_SENT));
                return s;
            }
            case "bucket":
                return bucket;
            case "big": {
                EnumSet<SocketState> s = EnumSet.copyOf(all);
                s.removeAll(bucket);
                return s;
            }
            default:
                SocketState s = SocketState.ofFilterWord(w);
                if (s == null) {
                    throw NetkitException.usage("unknown state '" + word + "': use established, syn-sent, syn-recv,"
                            + " fin-wait-1, fin-wait-2, time-wait, closed, close-wait, last-ack, listening, closing,"
                            + " or all, connected, synchronized, bucket, big");
                }
                return EnumSet.of(s);
        }
    }

    /** Splits words so that "(" ")" and operators glued to values ("sport=:22", "(dport") become tokens. */
    static List<String> tokenize(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                    flush(cur, out);
                    if (!Character.isWhitespace(c)) {
                        out.add(String.valueOf(c));
                    }
                } else if ((c == '=' || c == '!' || c == '<' || c == '>') && !insideBrackets(cur)) {
                    flush(cur, out);
                    String op = String.valueOf(c);
                    if (i + 1 < w.length() && w.charAt(i + 1) == '=') {
                        op += "=";
                        i++;
                    }
                    out.add(op);
                } else {
                    cur.append(c);
                }
            }
            flush(cur, out);
        }
        return out;
    }

    private static boolean insideBrackets(StringBuilder cur) {
        return cur.lastIndexOf("[") > cur.lastIndexOf("]");
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }

    /** Recursive descent: or := and ('or' and)*; and := unary (['and'] unary)*; unary := 'not' unary | '(' or ')' | cond. */
    private static final class Parser {
        private final List<String> t;
        private final Services services;
        int pos;
        boolean inet;

        Parser(List<String> tokens, Services services) {
            this.t = tokens;
            this.services = services;
        }

        private String peek() {
            return pos < t.size() ? t.get(pos) : null;
        }

        private String next(String need) {
            if (pos >= t.size()) {
                throw NetkitException.usage("the filter ends where " + need + " was expected");
            }
            return t.get(pos++);
        }

        Predicate<SocketEntry> parseOr() {
            Predicate<SocketEntry> left = parseAnd();
            while ("or".equals(peek()) || "||".equals(peek()) || "|".equals(peek())) {
                pos++;
                left = left.or(parseAnd());
            }
            return left;
        }

        Predicate<SocketEntry> parseAnd() {
            Predicate<SocketEntry> left = parseUnary();
            while (true) {
                String p = peek();
                if (p == null || p.equals(")") || p.equals("or") || p.equals("||") || p.equals("|")) {
                    return left;
                }
                if (p.equals("and") || p.equals("&&") || p.equals("&")) {
                    pos++;
                }
                left = left.and(parseUnary());
            }
        }

        Predicate<SocketEntry> parseUnary() {
            String w = next("a condition");
            switch (w) {
                case "not", "!":
                    return parseUnary().negate();
                case "(": {
                    Predicate<SocketEntry> inner = parseOr();
                    if (!")".equals(next("')'"))) {
                        throw NetkitException.usage("missing ')' in the filter");
                    }
                    return inner;
                }
                case "sport", "dport":
                    inet = true;
                    return portCondition(w.equals("sport"));
                case "src", "dst":
                    inet = true;
                    return hostCondition(w.equals("src"));
                default:
                    throw NetkitException.usage("unknown filter word '" + w
                            + "': use state, exclude, sport, dport, src, dst, and, or, not, ( )");
            }
        }

        private String operator() {
            String p = peek();
            if (p == null) {
                return "=";
            }
            String op = switch (p) {
                case "=", "==", "eq" -> "=";
                case "!=", "ne", "neq" -> "!=";
                case "<", "lt" -> "<";
                case ">", "gt" -> ">";
                case "<=", "le" -> "<=";
                case ">=", "ge" -> ">=";
                case "!" -> "!";
                default -> null;
            };
            if (op == null) {
                return "=";
            }
            pos++;
            return op.equals("!") ? "!=" : op;
        }

        private Predicate<SocketEntry> portCondition(boolean source) {
            String op = operator();
            String v = next("a port like :443");
            String p = v.startsWith(":") ? v.substring(1) : v;
            int port = parsePort(p);
            return s -> {
                if (s.proto().equals("unix")) {
                    return false;
                }
                int x = source ? s.localPort() : s.peerPort();
                return switch (op) {
                    case "=" -> x == port;
                    case "!=" -> x != port;
                    case "<" -> x < port;
                    case ">" -> x > port;
                    case "<=" -> x <= port;
                    default -> x >= port;
                };
            };
        }

        private int parsePort(String p) {
            if (p.equals("*")) {
                return 0;
            }
            try {
                int port = Integer.parseInt(p);
                if (port < 0 || port > 65535) {
                    throw NetkitException.usage("port " + p + " is not in 0..65535");
                }
                return port;
            } catch (NumberFormatException e) {
                int port = services.port(p);
                if (port < 0) {
                    throw NetkitException.usage("'" + p + "' is neither a port number nor a service name in /etc/services");
                }
                return port;
            }
        }

        private Predicate<SocketEntry> hostCondition(boolean source) {
            String op = operator();
            if (!op.equals("=") && !op.equals("!=")) {
                throw NetkitException.usage("src and dst take = or != only, not " + op);
            }
            String v = next("an address like 198.18.10.0/24");
            HostMatch m = HostMatch.parse(v, services);
            Predicate<SocketEntry> p = s -> !s.proto().equals("unix") && m.test(
                    source ? s.local() : s.peer(), source ? s.localPort() : s.peerPort());
            return op.equals("=") ? p : p.negate();
        }
    }

    /** ADDR, ADDR/LEN, ADDR:PORT, [V6ADDR]/LEN:PORT, :PORT or *. */
    private record HostMatch(Cidr prefix, int port) {
        static HostMatch parse(String v, Services services) {
            String addr = v;
            String port = null;
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close < 0) {
                    throw NetkitException.usage("'" + v + "' lacks ']'");
                }
                addr = v.substring(1, close);
                String tail = v.substring(close + 1);
                if (tail.startsWith("/")) {
                    int colon = tail.indexOf(':');
                    addr += colon < 0 ? tail : tail.substring(0, colon);
                    tail = colon < 0 ? "" : tail.substring(colon);
                }
                if (tail.startsWith(":")) {
                    port = tail.substring(1);
                } else if (!tail.isEmpty()) {
                    throw NetkitException.usage("'" + v + "': unexpected '" + tail + "'");
                }
            } else if (v.chars().filter(c -> c == ':').count() == 1) {
                int colon = v.indexOf(':');
                addr = v.substring(0, colon);
                port = v.substring(colon + 1);
            }
            Cidr prefix = null;
            if (!addr.isEmpty() && !addr.equals("*")) {
                prefix = Cidr.parseRoute(addr, addr.contains(":"));
            }
            int p = -1;
            if (port != null && !port.isEmpty() && !port.equals("*")) {
                try {
                    p = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    p = services.port(port);
                    if (p < 0) {
                        throw NetkitException.usage("'" + port + "' is neither a port number nor a service name");
                    }
                }
            }
            return new HostMatch(prefix, p);
        }

        boolean test(InetAddress a, int port) {
            if (this.port >= 0 && port != this.port) {
                return false;
            }
            if (prefix == null) {
                return true;
            }
            if (a == null) {
                return false;
            }
            if (prefix.contains(a)) {
                return true;
            }
            // An IPv4 filter also matches IPv4-mapped addresses of dual-stack sockets (::ffff:a.b.c.d).
            byte[] b = a.getAddress();
            if (b.length == 16 && prefix.version() == 4 && isV4Mapped(b)) {
                return prefix.contains(IpLiteral.byBytes(java.util.Arrays.copyOfRange(b, 12, 16)));
            }
            return false;
        }

        private static boolean isV4Mapped(byte[] b) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        }
    }
}
