package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** An ICMPv6 message type (RFC 4443, RFC 4861). */
public final class Icmpv6Type extends NumberedValue {
    private static final Map<Integer, Icmpv6Type> KNOWN = new HashMap<>();

    /** Destination unreachable (RFC 4443 3.1). */
    public static final Icmpv6Type DESTINATION_UNREACHABLE = define(1, "DESTINATION_UNREACHABLE");
    /** Packet too big (RFC 4443 3.2). */
    public static final Icmpv6Type PACKET_TOO_BIG = define(2, "PACKET_TOO_BIG");
    /** Time exceeded (RFC 4443 3.3). */
    public static final Icmpv6Type TIME_EXCEEDED = define(3, "TIME_EXCEEDED");
    /** Parameter problem (RFC 4443 3.4). */
    public static final Icmpv6Type PARAMETER_PROBLEM = define(4, "PARAMETER_PROBLEM");
    /** Echo request (RFC 4443 4.1). */
    public static final Icmpv6Type ECHO_REQUEST = define(128, "ECHO_REQUEST");
    /** Echo reply (RFC 4443 4.2). */
    public static final Icmpv6Type ECHO_REPLY = define(129, "ECHO_REPLY");
    /** Router solicitation (RFC 4861 4.1). */
    public static final Icmpv6Type ROUTER_SOLICITATION = define(133, "ROUTER_SOLICITATION");
    /** Router advertisement (RFC 4861 4.2). */
    public static final Icmpv6Type ROUTER_ADVERTISEMENT = define(134, "ROUTER_ADVERTISEMENT");
    /** Neighbor solicitation (RFC 4861 4.3). */
    public static final Icmpv6Type NEIGHBOR_SOLICITATION = define(135, "NEIGHBOR_SOLICITATION");
    /** Neighbor advertisement (RFC 4861 4.4). */
    public static final Icmpv6Type NEIGHBOR_ADVERTISEMENT = define(136, "NEIGHBOR_ADVERTISEMENT");
    /** Redirect (RFC 4861 4.5). */
    public static final Icmpv6Type REDIRECT = define(137, "REDIRECT");

    private Icmpv6Type(int value, String name) {
        super(value, name);
    }

    private static Icmpv6Type define(int value, String name) {
        Icmpv6Type v = new Icmpv6Type(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..255. */
    public static Icmpv6Type valueOf(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("Icmpv6Type: " + value + " is outside 0..255");
        }
        Icmpv6Type v = KNOWN.get(value);
        return v != null ? v : new Icmpv6Type(value, "UNKNOWN");
    }
}
