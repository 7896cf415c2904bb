package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** An IGMP message type (RFC 2236 section 2.1, RFC 3376 section 4, IANA igmp-type-numbers). */
public final class IgmpType extends NumberedValue {
    private static final Map<Integer, IgmpType> KNOWN = new HashMap<>();

    /** Membership query, all versions (0x11). */
    public static final IgmpType MEMBERSHIP_QUERY = define(0x11, "MEMBERSHIP_QUERY");
    /** Version 1 membership report (0x12, RFC 1112). */
    public static final IgmpType V1_MEMBERSHIP_REPORT = define(0x12, "V1_MEMBERSHIP_REPORT");
    /** DVMRP (0x13, RFC 1075). */
    public static final IgmpType DVMRP = define(0x13, "DVMRP");
    /** PIM version 1 (0x14). */
    public static final IgmpType PIM_V1 = define(0x14, "PIM_V1");
    /** Version 2 membership report (0x16, RFC 2236). */
    public static final IgmpType V2_MEMBERSHIP_REPORT = define(0x16, "V2_MEMBERSHIP_REPORT");
    /** Leave group (0x17, RFC 2236). */
    public static final IgmpType LEAVE_GROUP = define(0x17, "LEAVE_GROUP");
    /** Multicast traceroute response (0x1e). */
    public static final IgmpType MTRACE_RESPONSE = define(0x1e, "MTRACE_RESPONSE");
    /** Multicast traceroute query/request (0x1f). */
    public static final IgmpType MTRACE = define(0x1f, "MTRACE");
    /** Version 3 membership report (0x22, RFC 3376). */
    public static final IgmpType V3_MEMBERSHIP_REPORT = define(0x22, "V3_MEMBERSHIP_REPORT");

    private IgmpType(int value, String name) {
        super(value, name);
    }

    private static IgmpType define(int value, String name) {
        IgmpType v = new IgmpType(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..255. */
    public static IgmpType valueOf(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("IgmpType: " + value + " is outside 0..255");
        }
        IgmpType v = KNOWN.get(value);
        return v != null ? v : new IgmpType(value, "UNKNOWN");
    }
}
