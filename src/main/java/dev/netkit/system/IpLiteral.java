package dev.netkit.system;

import dev.netkit.NetkitException;
import dev.netkit.address.IpAddress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals, parsed without ever asking DNS (InetAddress.getByName would resolve names). */
public final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * The address written in {@code text}, or null when it is not an IPv4 or IPv6 literal. Hand-written, not regular
     * expressions: resolv.conf's nameservers come through here at every DNS command's start.
     */
    public static InetAddress parseOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        byte[] v4 = ipv4(text);
        if (v4 != null) {
            return byBytes(v4);
        }
        char first = text.charAt(0);
        if (text.indexOf(':') >= 0 && (first == ':' || Character.digit(first, 16) >= 0 && first < 128)
                && ipv6Chars(text)) {
            try {
                // A string starting with a hex digit or ':' and containing ':' is taken as an IPv6 literal; no
                // lookup happens (one starting otherwise, such as ".::1", would be looked up as a name).
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** Four dot-separated decimal numbers of 1 to 3 ASCII digits, each at most 255; else null. */
    private static byte[] ipv4(String text) {
        byte[] b = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && value <= 255 && part < 4) {
                b[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? b : null;
    }

    /** Hex digits, ':' and '.', then optionally '%' and a zone of letters, digits, '_', '.' and '-'. */
    private static boolean ipv6Chars(String text) {
        int zone = text.indexOf('%');
        int end = zone < 0 ? text.length() : zone;
        if (end == 0 || zone == text.length() - 1) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = i < end ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.'
                    : i == end || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '_' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The address written in {@code text}; a usage error naming {@code what} otherwise. */
    public static InetAddress parse(String text, String what) {
        InetAddress a = parseOrNull(text);
        if (a == null) {
            throw NetkitException.usage("'" + text + "' is not an IPv4 or IPv6 address (" + what + ")");
        }
        return a;
    }

    /** The address of 4 or 16 bytes; 16 bytes stay IPv6 even when they are IPv4-mapped (::ffff:a.b.c.d). */
    public static InetAddress byBytes(byte[] b) {
        try {
            return b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + b.length + " bytes", e);
        }
    }

    /** The usual text form: dotted quad, or RFC 5952 compressed IPv6 without a scope. */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        return IpAddress.of(a).toString(); // the one RFC 5952 writer
    }

    public static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
