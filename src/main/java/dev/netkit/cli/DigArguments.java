package dev.netkit.cli;

import dev.netkit.NetkitException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BIND dig's command line: {@code [@server] [-opts] [name] [type] [class] [+opts]}, repeated for several
 * lookups. Options before the first name are defaults for every lookup; after a name, they apply to that
 * lookup only. A word that is a type or class name sets it when the lookup has none yet, as dig does.
 */
final class DigArguments {
    private final DigRequest global = new DigRequest();
    private final List<DigRequest> lookups = new ArrayList<>();
    private DigRequest current;
    String batchFile;

    /** Parses the words of one command line (or one line of a batch file, on top of {@code base}). */
    static DigArguments parse(List<String> words, DigRequest base) {
        DigArguments a = new DigArguments(base);
        for (int i = 0; i < words.size(); i++) {
            i = a.word(words, i);
        }
        return a;
    }

    private DigArguments(DigRequest base) {
        if (base != null) {
            copyInto(base, global);
        }
    }

    private static void copyInto(DigRequest from, DigRequest to) {
        DigRequest c = from.clone();
        to.name = null;
        to.type = c.type;
        to.dclass = c.dclass;
        to.reverse = null;
        to.servers = c.servers;
        to.port = c.port;
        to.portGiven = c.portGiven;
        to.options = c.options;
        to.ipv4 = c.ipv4;
        to.ipv6 = c.ipv6;
        to.search = c.search;
        to.cmd = c.cmd;
        to.comments = c.comments;
        to.question = c.question;
        to.answer = c.answer;
        to.authority = c.authority;
        to.additional = c.additional;
        to.stats = c.stats;
        to.showShort = c.showShort;
        to.qr = c.qr;
        to.trace = c.trace;
        to.rootHints = c.rootHints;
        to.validate = c.validate;
        to.trustAnchor = c.trustAnchor;
        to.tls = c.tls;
        to.tlsName = c.tlsName;
        to.tlsCa = c.tlsCa;
        to.https = c.https;
        to.tsig = c.tsig;
        to.tsigFile = c.tsigFile;
    }

    DigRequest global() {
        return global;
    }

    /** The lookups in order; a command line with no name asks for the root's NS records, as dig does. */
    List<DigRequest> lookups() {
        List<DigRequest> out = new ArrayList<>(lookups);
        if (current != null) {
            out.add(current);
        }
        if (out.isEmpty() && batchFile == null) {
            DigRequest r = global.clone();
            r.name = ".";
            if (r.type == null) {
                r.type = "NS";
            }
            out.add(r);
        }
        return out;
    }

    private DigRequest target() {
        return current != null ? current : global;
    }

    private DigRequest startLookup() {
        if (current != null) {
            lookups.add(current);
        }
        current = global.clone();
        current.name = null;
        current.reverse = null;
        current.serversGiven = false;
        current.typeGiven = false;
        current.classGiven = false;
        return current;
    }

    private int word(List<String> words, int i) {
        String w = words.get(i);
        if (w.startsWith("@") && w.length() > 1) {
            DigRequest t = target();
            if (!t.serversGiven) { // a lookup's first @server replaces the inherited ones; later ones add to it
                t.servers = new ArrayList<>();
                t.serversGiven = true;
            }
            t.servers.add(w.substring(1));
            return i;
        }
        if (w.startsWith("+")) {
            plus(w.substring(1));
            return i;
        }
        if (w.startsWith("-") && w.length() > 1) {
            return dash(words, i);
        }
        String upper = w.toUpperCase(Locale.ROOT);
        rejectOutOfRange(upper, "TYPE", "record type");
        rejectOutOfRange(upper, "CLASS", "class");
        boolean noName = current == null || (current.name == null && current.reverse == null);
        if (isType(upper) && (noName || !current.typeGiven)) {
            if (current == null) {
                startLookup();
            }
            current.type = upper;
            current.typeGiven = true;
            return i;
        }
        if (isClass(upper) && (noName || !current.classGiven)) {
            if (current == null) {
                startLookup();
            }
            current.dclass = upper;
            current.classGiven = true;
            return i;
        }
        if (!noName || current == null) {
            startLookup();
        }
        current.name = w;
        return i;
    }

    private static boolean isType(String upper) {
        return !upper.equals("IN") && (Type.value(upper) >= 0 && !upper.startsWith("TYPE") || numbered(upper, "TYPE"));
    }

    private static boolean isClass(String upper) {
        return (DClass.value(upper) >= 0 && !upper.startsWith("CLASS") && !upper.equals("ANY") && !upper.equals("NONE"))
                || numbered(upper, "CLASS");
    }

    /** TYPE70000 or CLASS70000 would be taken for a name by BIND dig's rules, yet dnsjava cannot ask for it. */
    private static void rejectOutOfRange(String upper, String prefix, String what) {
        if (numbered(upper, prefix) && (upper.length() > prefix.length() + 5
                || Integer.parseInt(upper, prefix.length(), upper.length(), 10) > 65535)) {
            throw NetkitException.usage("'" + upper + "' is not a " + what + ": " + prefix + "0 to " + prefix
                    + "65535");
        }
    }

    /** TYPE65, CLASS3: the prefix and at least one digit (no regular expression: batches parse many words). */
    private static boolean numbered(String upper, String prefix) {
        if (!upper.startsWith(prefix) || upper.length() == prefix.length()) {
            return false;
        }
        for (int i = prefix.length(); i < upper.length(); i++) {
            if (upper.charAt(i) < '0' || upper.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private int dash(List<String> words, int i) {
        String w = words.get(i);
        char c = w.charAt(1);
        String inline = w.length() > 2 ? w.substring(2) : null;
        switch (c) {
            case '4' -> target().ipv4 = true;
            case '6' -> target().ipv6 = true;
            case 'p', 't', 'c', 'x', 'b', 'f', 'q', 'y', 'k' -> {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        throw NetkitException.usage("option -" + c + " needs a value");
                    }
                    value = words.get(++i);
                }
                dashValue(c, value);
            }
            default -> throw NetkitException.usage("unknown option '" + w + "'");
        }
        return i;
    }

    private void dashValue(char c, String value) {
        switch (c) {
            case 'p' -> {
                target().port = intValue("-p", value, 0, 65535);
                target().portGiven = true;
            }
            case 't' -> {
                String v = value.toUpperCase(Locale.ROOT);
                if (Type.value(v) < 0) {
                    throw NetkitException.usage("'" + value + "' is not a record type (-t A, -t MX, -t TYPE65)");
                }
                lookupForValue().type = v;
                lookupForValue().typeGiven = true;
            }
            case 'c' -> {
                String v = value.toUpperCase(Locale.ROOT);
                if (DClass.value(v) < 0) {
                    throw NetkitException.usage("'" + value + "' is not a class (IN, CH, HS)");
                }
                lookupForValue().dclass = v;
                lookupForValue().classGiven = true;
            }
            case 'q' -> {
                DigRequest r = startLookup();
                r.name = value;
            }
            case 'x' -> {
                DigRequest r = startLookup();
                r.reverse = value;
            }
            case 'b' -> {
                String addr = value.replaceAll("#.*", "");
                try {
                    target().options = target().options.withSource(java.net.InetAddress.getByName(addr));
                } catch (java.net.UnknownHostException e) {
                    throw NetkitException.usage("-b '" + value + "' is not a local address");
                }
            }
            case 'f' -> batchFile = value;
            case 'y' -> {
                try {
                    dev.netkit.dns.TsigKeys.fromSpec(value);
                } catch (IllegalArgumentException e) {
                    throw NetkitException.usage("-y: " + e.getMessage());
                }
                target().tsig = value;
                target().tsigFile = null;
            }
            case 'k' -> {
                target().tsigFile = value;
                target().tsig = null;
            }
            default -> throw new AssertionError(c);
        }
    }

    /** -t/-c before a name set the defaults; after one, that lookup's. */
    private DigRequest lookupForValue() {
        return current != null ? current : global;
    }

    private void plus(String opt) {
        DigRequest t = target();
        KeyValueOption kv = KeyValueOption.parse(opt);
        String key = kv.key();
        String value = kv.value();
        boolean on = true;
        if (key.startsWith("no")) {
            on = false;
            key = key.substring(2);
        }
        switch (key) {
            case "short" -> {
                t.showShort = on;
                if (on) {
                    t.cmd = t.comments = t.question = t.authority = t.additional = t.stats = false;
                    t.answer = true;
                }
            }
            case "all" -> t.cmd = t.comments = t.question = t.answer = t.authority = t.additional = t.stats = on;
            case "cmd" -> t.cmd = on;
            case "comments" -> t.comments = on;
            case "question" -> t.question = on;
            case "answer" -> t.answer = on;
            case "authority" -> t.authority = on;
            case "additional" -> t.additional = on;
            case "stats" -> t.stats = on;
            case "qr" -> t.qr = on;
            case "tcp", "vc" -> t.options = t.options.withTcp(on);
            case "dnssec" -> t.options = t.options.withDnssec(on);
            case "cd", "cdflag" -> t.options = t.options.withCheckingDisabled(on);
            case "ad", "adflag" -> t.options = t.options.withAuthenticData(on);
            case "rec", "recurse" -> t.options = t.options.withRecurse(on);
            case "ignore" -> t.options = t.options.withIgnoreTruncation(on);
            case "edns" -> {
                if (value != null) {
                    // the EDNS version, as BIND's +edns=N (0..255); netkit asks with version 0
                    intValue("+edns", value, 0, 255);
                }
                t.options = t.options.withEdns(on);
            }
            case "nsid" -> t.options = t.options.withNsid(on);
            case "search" -> t.search = on;
            case "trace" -> {
                t.trace = on;
                if (on) {
                    t.options = t.options.withRecurse(false);
                }
            }
            case "time", "timeout" -> t.options = t.options.withTimeout(
                    Duration.ofSeconds(intValue("+" + key, value, 1, 300)));
            case "tries" -> t.options = t.options.withTries(intValue("+tries", value, 1, 100));
            case "retry" -> t.options = t.options.withTries(intValue("+retry", value, 0, 100) + 1);
            case "bufsize" -> t.options = t.options.withBufsize(intValue("+bufsize", value, 0, 65535)).withEdns(true);
            case "subnet" -> {
                if (value == null) {
                    throw NetkitException.usage("+subnet needs ADDR/LEN");
                }
                try {
                    dev.netkit.dns.QueryOptions o = t.options.withSubnet(value);
                    validateSubnet(value);
                    t.options = o;
                } catch (IllegalArgumentException e) {
                    throw NetkitException.usage("+subnet=" + value + ": " + e.getMessage());
                }
            }
            case "tls" -> t.tls = on;
            case "tls-hostname" -> t.tlsName = value;
            case "tls-ca" -> t.tlsCa = value;
            case "https" -> t.https = on ? (value == null || value.isEmpty() ? "/dns-query" : value) : null;
            // accepted for compatibility, no effect on netkit's output
            case "multiline", "identify", "ttlid", "cl", "class", "ttlunits", "cookie", "expire", "keepalive",
                 "besteffort", "fail", "crypto", "split", "onesoa", "idnout", "idnin", "yaml", "rrcomments" -> {
            }
            default -> throw NetkitException.usage("unknown option '+" + opt + "'");
        }
    }

    private static void validateSubnet(String value) {
        String addr = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
        if (!addr.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + addr + "' is not an address");
        }
        if (value.contains("/")) {
            int prefix = Integer.parseInt(value.substring(value.indexOf('/') + 1));
            OptionRange.whole(0, addr.contains(":") ? 128 : 32).check("+subnet prefix", prefix);
        }
    }

    private static int intValue(String opt, String value, int min, int max) {
        if (value == null) {
            throw NetkitException.usage(opt + " needs a number");
        }
        try {
            return OptionRange.whole(min, max).check(opt, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw NetkitException.usage(opt + ": '" + value + "' is not a number");
        }
    }
}
