package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** An ICMPv4 message type (RFC 792, IANA icmp-parameters). */
public final class Icmpv4Type extends NumberedValue {
    private static final Map<Integer, Icmpv4Type> KNOWN = new HashMap<>();

    /** Echo reply (RFC 792). */
    public static final Icmpv4Type ECHO_REPLY = define(0, "ECHO_REPLY");
    /** Destination unreachable (RFC 792). */
    public static final Icmpv4Type DESTINATION_UNREACHABLE = define(3, "DESTINATION_UNREACHABLE");
    /** Source quench, deprecated by RFC 6633. */
    public static final Icmpv4Type SOURCE_QUENCH = define(4, "SOURCE_QUENCH");
    /** Redirect (RFC 792). */
    public static final Icmpv4Type REDIRECT = define(5, "REDIRECT");
    /** Echo request (RFC 792). */
    public static final Icmpv4Type ECHO_REQUEST = define(8, "ECHO_REQUEST");
    /** Router advertisement (RFC 1256). */
    public static final Icmpv4Type ROUTER_ADVERTISEMENT = define(9, "ROUTER_ADVERTISEMENT");
    /** Router solicitation (RFC 1256). */
    public static final Icmpv4Type ROUTER_SOLICITATION = define(10, "ROUTER_SOLICITATION");
    /** Time exceeded (RFC 792). */
    public static final Icmpv4Type TIME_EXCEEDED = define(11, "TIME_EXCEEDED");
    /** Parameter problem (RFC 792). */
    public static final Icmpv4Type PARAMETER_PROBLEM = define(12, "PARAMETER_PROBLEM");
    /** Timestamp request (RFC 792). */
    public static final Icmpv4Type TIMESTAMP = define(13, "TIMESTAMP");
    /** Timestamp reply (RFC 792). */
    public static final Icmpv4Type TIMESTAMP_REPLY = define(14, "TIMESTAMP_REPLY");

    private Icmpv4Type(int value, String name) {
        super(value, name);
    }

    private static Icmpv4Type define(int value, String name) {
        Icmpv4Type v = new Icmpv4Type(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..255. */
    public static Icmpv4Type valueOf(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("Icmpv4Type: " + value + " is outside 0..255");
        }
        Icmpv4Type v = KNOWN.get(value);
        return v != null ? v : new Icmpv4Type(value, "UNKNOWN");
    }
}
