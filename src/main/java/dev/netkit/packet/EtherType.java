package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** An EtherType (IEEE 802.3 / RFC 7042 section 3); {@code toString()} is {@code IPv4(0x0800)}. */
public final class EtherType extends NumberedValue {
    private static final Map<Integer, EtherType> KNOWN = new HashMap<>();

    /** Internet Protocol version 4 (RFC 791). */
    public static final EtherType IPV4 = define(0x0800, "IPV4");
    /** Address Resolution Protocol (RFC 826). */
    public static final EtherType ARP = define(0x0806, "ARP");
    /** IEEE 802.1Q customer VLAN tag. */
    public static final EtherType VLAN = define(0x8100, "VLAN");
    /** Internet Protocol version 6 (RFC 8200). */
    public static final EtherType IPV6 = define(0x86dd, "IPV6");
    /** IEEE 802.1ad service VLAN tag. */
    public static final EtherType QINQ = define(0x88a8, "QINQ");
    /** Pre-standard double tag still seen on the wire. */
    public static final EtherType QINQ_OLD = define(0x9100, "QINQ_OLD");
    /** IEEE 802.1AB Link Layer Discovery Protocol. */
    public static final EtherType LLDP = define(0x88cc, "LLDP");
    /** MPLS unicast (RFC 3032). */
    public static final EtherType MPLS = define(0x8847, "MPLS");

    private EtherType(int value, String name) {
        super(value, name);
    }

    private static EtherType define(int value, String name) {
        EtherType v = new EtherType(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..65535. */
    public static EtherType valueOf(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("EtherType: " + value + " is outside 0..65535");
        }
        EtherType v = KNOWN.get(value);
        return v != null ? v : new EtherType(value, "UNKNOWN");
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%04x)", value());
    }
}
