package dev.netkit.registry;

import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.system.IpLiteral;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a registry is asked about (whois, RDAP, asn): a domain, an address, a prefix, an AS number or a handle,
 * told apart by its text alone (no DNS). Anything else is a usage error.
 *
 * @param kind    what it is
 * @param text    the query as the user wrote it, trimmed (a domain without its trailing dot)
 * @param address the address, or the prefix's first address; null for the other kinds
 * @param length  the prefix length (32 or 128 for an address); -1 for the other kinds
 * @param asn     the AS number; -1 for the other kinds
 */
public record RegistryQuery(Kind kind, String text, InetAddress address, int length, long asn) {
    /** The kinds of query. */
    public enum Kind { DOMAIN, ADDRESS, PREFIX, AS, HANDLE }

    /** RFC 1035 labels (letters, digits, hyphens; underscores as in SRV owners), at least one dot. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** A TLD alone ("test", "com"), as IANA's whois answers it. */
    private static final Pattern TLD = Pattern.compile("(?i)[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
    /** Registry handles: NET-198-18-0-0-1, NETKIT-LAB, JD123-ARIN, RIPE-NCC-HM-MNT. */
    private static final Pattern HANDLE = Pattern.compile("(?i)[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern AS = Pattern.compile("(?i)as(\\d{1,10})");

    /** Reads {@code s}; a usage error (exit 2) says why it is none of the kinds. */
    public static RegistryQuery parse(String s) {
        String t = s == null ? "" : s.strip();
        if (t.endsWith(".") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty()) {
            throw NetkitException.usage("empty query: give a domain, an address, a prefix, an AS number or a handle");
        }
        if (t.length() > 253) {
            throw NetkitException.usage("query of " + t.length() + " characters is too long (253 at most)");
        }
        java.util.regex.Matcher as = AS.matcher(t);
        if (as.matches()) {
            long n = Long.parseLong(as.group(1));
            if (n > 0xffffffffL) {
                throw NetkitException.usage("'" + TerminalText.escape(t) + "' is not an AS number: over 4294967295");
            }
            return new RegistryQuery(Kind.AS, "AS" + n, null, -1, n);
        }
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        InetAddress a = host.isEmpty() ? null : IpLiteral.parseOrNull(host);
        if (a != null) {
            int max = a.getAddress().length * 8;
            if (slash < 0) {
                return new RegistryQuery(Kind.ADDRESS, t, a, max, -1);
            }
            int len;
            try {
                len = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > max) {
                throw NetkitException.usage("'" + TerminalText.escape(t) + "' is not a prefix: the length must be 0 to " + max);
            }
            return new RegistryQuery(Kind.PREFIX, t, network(a, len), len, -1);
        }
        if (slash < 0 && t.indexOf('.') > 0 && DOMAIN.matcher(t).matches() && !t.matches("[0-9.]+")) {
            return new RegistryQuery(Kind.DOMAIN, t.toLowerCase(Locale.ROOT), null, -1, -1);
        }
        if (slash < 0 && TLD.matcher(t).matches()) {
            return new RegistryQuery(Kind.DOMAIN, t.toLowerCase(Locale.ROOT), null, -1, -1);
        }
        if (slash < 0 && HANDLE.matcher(t).matches() && !t.matches("[0-9]+")) {
            return new RegistryQuery(Kind.HANDLE, t, null, -1, -1);
        }
        throw NetkitException.usage("'" + TerminalText.escape(t)
                + "' is not a domain, an address, a prefix, an AS number (AS64510) or a handle");
    }

    /** True for an address or a prefix. */
    public boolean ip() {
        return address != null;
    }

    /** The address or prefix in canonical form: 2001:db8:10::10, 198.18.10.0/24. */
    public String canonical() {
        return switch (kind) {
            case ADDRESS -> text(address);
            case PREFIX -> text(address) + "/" + length;
            default -> text;
        };
    }

    /** The first address of the prefix {@code a}/{@code len}. */
    static InetAddress network(InetAddress a, int len) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, len - i * 8));
            b[i] = (byte) (b[i] & (0xff << (8 - keep)));
        }
        return IpLiteral.byBytes(b);
    }

    /** 198.18.10.10, or 2001:db8:10::10 (RFC 5952). */
    public static String text(InetAddress a) {
        return IpLiteral.format(a);
    }
}
