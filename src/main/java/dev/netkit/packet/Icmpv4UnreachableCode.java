package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** The code of an ICMPv4 destination unreachable (RFC 792, RFC 1122 3.2.2.1, RFC 1812 5.2.7.1). */
public final class Icmpv4UnreachableCode extends NumberedValue {
    private static final Map<Integer, Icmpv4UnreachableCode> KNOWN = new HashMap<>();

    /** Net unreachable (RFC 792). */
    public static final Icmpv4UnreachableCode NETWORK_UNREACHABLE = define(0, "NETWORK_UNREACHABLE");
    /** Host unreachable (RFC 792). */
    public static final Icmpv4UnreachableCode HOST_UNREACHABLE = define(1, "HOST_UNREACHABLE");
    /** Protocol unreachable (RFC 792). */
    public static final Icmpv4UnreachableCode PROTOCOL_UNREACHABLE = define(2, "PROTOCOL_UNREACHABLE");
    /** Port unreachable (RFC 792). */
    public static final Icmpv4UnreachableCode PORT_UNREACHABLE = define(3, "PORT_UNREACHABLE");
    /** Fragmentation needed and DF set; carries the next-hop MTU (RFC 1191). */
    public static final Icmpv4UnreachableCode FRAGMENTATION_NEEDED = define(4, "FRAGMENTATION_NEEDED");
    /** Source route failed (RFC 792). */
    public static final Icmpv4UnreachableCode SOURCE_ROUTE_FAILED = define(5, "SOURCE_ROUTE_FAILED");
    /** Destination network unknown (RFC 1122). */
    public static final Icmpv4UnreachableCode NETWORK_UNKNOWN = define(6, "NETWORK_UNKNOWN");
    /** Destination host unknown (RFC 1122). */
    public static final Icmpv4UnreachableCode HOST_UNKNOWN = define(7, "HOST_UNKNOWN");
    /** Source host isolated (RFC 1122). */
    public static final Icmpv4UnreachableCode SOURCE_HOST_ISOLATED = define(8, "SOURCE_HOST_ISOLATED");
    /** Communication with destination network administratively prohibited (RFC 1122). */
    public static final Icmpv4UnreachableCode NETWORK_PROHIBITED = define(9, "NETWORK_PROHIBITED");
    /** Communication with destination host administratively prohibited (RFC 1122). */
    public static final Icmpv4UnreachableCode HOST_PROHIBITED = define(10, "HOST_PROHIBITED");
    /** Network unreachable for type of service (RFC 1122). */
    public static final Icmpv4UnreachableCode NETWORK_UNREACHABLE_FOR_TOS = define(11, "NETWORK_UNREACHABLE_FOR_TOS");
    /** Host unreachable for type of service (RFC 1122). */
    public static final Icmpv4UnreachableCode HOST_UNREACHABLE_FOR_TOS = define(12, "HOST_UNREACHABLE_FOR_TOS");
    /** Communication administratively prohibited (RFC 1812). */
    public static final Icmpv4UnreachableCode COMMUNICATION_PROHIBITED = define(13, "COMMUNICATION_PROHIBITED");
    /** Host precedence violation (RFC 1812). */
    public static final Icmpv4UnreachableCode HOST_PRECEDENCE_VIOLATION = define(14, "HOST_PRECEDENCE_VIOLATION");
    /** Precedence cutoff in effect (RFC 1812). */
    public static final Icmpv4UnreachableCode PRECEDENCE_CUTOFF = define(15, "PRECEDENCE_CUTOFF");

    private Icmpv4UnreachableCode(int value, String name) {
        super(value, name);
    }

    private static Icmpv4UnreachableCode define(int value, String name) {
        Icmpv4UnreachableCode v = new Icmpv4UnreachableCode(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..255. */
    public static Icmpv4UnreachableCode valueOf(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("Icmpv4UnreachableCode: " + value + " is outside 0..255");
        }
        Icmpv4UnreachableCode v = KNOWN.get(value);
        return v != null ? v : new Icmpv4UnreachableCode(value, "UNKNOWN");
    }
}
