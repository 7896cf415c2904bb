package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** The code of an ICMPv6 destination unreachable (RFC 4443 section 3.1). */
public final class Icmpv6UnreachableCode extends NumberedValue {
    private static final Map<Integer, Icmpv6UnreachableCode> KNOWN = new HashMap<>();

    /** No route to destination. */
    public static final Icmpv6UnreachableCode NO_ROUTE = define(0, "NO_ROUTE");
    /** Communication administratively prohibited. */
    public static final Icmpv6UnreachableCode ADMINISTRATIVELY_PROHIBITED = define(1, "ADMINISTRATIVELY_PROHIBITED");
    /** Beyond scope of source address. */
    public static final Icmpv6UnreachableCode BEYOND_SCOPE = define(2, "BEYOND_SCOPE");
    /** Address unreachable. */
    public static final Icmpv6UnreachableCode ADDRESS_UNREACHABLE = define(3, "ADDRESS_UNREACHABLE");
    /** Port unreachable. */
    public static final Icmpv6UnreachableCode PORT_UNREACHABLE = define(4, "PORT_UNREACHABLE");
    /** Source address failed ingress/egress policy. */
    public static final Icmpv6UnreachableCode SOURCE_POLICY_FAILED = define(5, "SOURCE_POLICY_FAILED");
    /** Reject route to destination. */
    public static final Icmpv6UnreachableCode REJECT_ROUTE = define(6, "REJECT_ROUTE");
    /** Error in source routing header (RFC 6554). */
    public static final Icmpv6UnreachableCode SOURCE_ROUTING_ERROR = define(7, "SOURCE_ROUTING_ERROR");

    private Icmpv6UnreachableCode(int value, String name) {
        super(value, name);
    }

    private static Icmpv6UnreachableCode define(int value, String name) {
        Icmpv6UnreachableCode v = new Icmpv6UnreachableCode(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..255. */
    public static Icmpv6UnreachableCode valueOf(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("Icmpv6UnreachableCode: " + value + " is outside 0..255");
        }
        Icmpv6UnreachableCode v = KNOWN.get(value);
        return v != null ? v : new Icmpv6UnreachableCode(value, "UNKNOWN");
    }
}
