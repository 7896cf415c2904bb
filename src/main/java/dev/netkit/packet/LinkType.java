package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** A pcap link-layer header type (LINKTYPE_* of RFC 9495 / tcpdump.org linktypes). */
public final class LinkType extends NumberedValue {
    private static final Map<Integer, LinkType> KNOWN = new HashMap<>();

    /** BSD loopback: 4-byte address family in the capturing host's byte order. */
    public static final LinkType NULL = define(0, "NULL");
    /** Ethernet II / IEEE 802.3 (LINKTYPE_ETHERNET). */
    public static final LinkType ETHERNET = define(1, "ETHERNET");
    /** Raw IPv4 or IPv6, told apart by the version nibble (LINKTYPE_RAW; DLT_RAW 12 and 14 map here). */
    public static final LinkType RAW = define(101, "RAW");
    /** OpenBSD loopback: 4-byte address family in network byte order. */
    public static final LinkType LOOP = define(108, "LOOP");
    /** Linux cooked capture v1, 16-byte header. */
    public static final LinkType LINUX_SLL = define(113, "LINUX_SLL");
    /** Raw IPv4. */
    public static final LinkType IPV4 = define(228, "IPV4");
    /** Raw IPv6. */
    public static final LinkType IPV6 = define(229, "IPV6");
    /** Linux cooked capture v2, 20-byte header. */
    public static final LinkType LINUX_SLL2 = define(276, "LINUX_SLL2");

    static {
        // libpcap's DLT_RAW is 12 on most systems and 14 on OpenBSD; both are LINKTYPE_RAW in files.
        KNOWN.put(12, RAW);
        KNOWN.put(14, RAW);
    }

    private LinkType(int value, String name) {
        super(value, name);
    }

    private static LinkType define(int value, String name) {
        LinkType v = new LinkType(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..65535. */
    public static LinkType valueOf(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("LinkType: " + value + " is outside 0..65535");
        }
        LinkType v = KNOWN.get(value);
        return v != null ? v : new LinkType(value, "UNKNOWN");
    }
}
