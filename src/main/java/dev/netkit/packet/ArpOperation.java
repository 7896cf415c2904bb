package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** An ARP opcode (RFC 826, RFC 5494). */
public final class ArpOperation extends NumberedValue {
    private static final Map<Integer, ArpOperation> KNOWN = new HashMap<>();

    /** Who has this address (RFC 826). */
    public static final ArpOperation REQUEST = define(1, "REQUEST");
    /** This address is at (RFC 826). */
    public static final ArpOperation REPLY = define(2, "REPLY");
    /** Reverse ARP request (RFC 903). */
    public static final ArpOperation RARP_REQUEST = define(3, "RARP_REQUEST");
    /** Reverse ARP reply (RFC 903). */
    public static final ArpOperation RARP_REPLY = define(4, "RARP_REPLY");

    private ArpOperation(int value, String name) {
        super(value, name);
    }

    private static ArpOperation define(int value, String name) {
        ArpOperation v = new ArpOperation(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..65535. */
    public static ArpOperation valueOf(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("ArpOperation: " + value + " is outside 0..65535");
        }
        ArpOperation v = KNOWN.get(value);
        return v != null ? v : new ArpOperation(value, "UNKNOWN");
    }
}
