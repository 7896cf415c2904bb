package dev.netkit.nc;

import dev.netkit.NetkitException;
import dev.netkit.system.Services;

/** A port or an inclusive range of ports ({@code 80}, {@code 9995-10000}, {@code http}). */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range " + first + "-" + last);
        }
    }

    /** Parses a port, a range LO-HI or a service name from /etc/services; a usage error otherwise. */
    public static PortRange parse(String text, Services services) {
        int dash = text.indexOf('-');
        if (dash > 0) {
            int lo = number(text.substring(0, dash), text);
            int hi = number(text.substring(dash + 1), text);
            if (lo > hi) {
                throw NetkitException.usage("port range '" + text + "' runs backwards: write it as " + hi + "-" + lo);
            }
            return new PortRange(lo, hi);
        }
        if (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
            int p = services.port(text);
            if (p < 0) {
                throw NetkitException.usage("unknown service name '" + text + "' (not in /etc/services)");
            }
            return new PortRange(p, p);
        }
        int p = number(text, text);
        return new PortRange(p, p);
    }

    private static int number(String s, String whole) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            throw NetkitException.usage("'" + whole + "' is not a port: give a number 1-65535, a range LO-HI or a service name");
        }
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) {
            throw NetkitException.usage("port " + p + " is out of range: use 1..65535"); // cli.OptionRange's shape
        }
        return p;
    }

    public boolean isSingle() {
        return first == last;
    }

    public int count() {
        return last - first + 1;
    }
}
