package dev.netkit.packet;

/**
 * A pcap link-layer header type (LINKTYPE_* of RFC 9495 / tcpdump.org linktypes). Unknown values are kept:
 * {@link #valueOf(int)} never fails for 0..65535 and {@link #toString()} names the number.
 */
public final class LinkType {
    public static final LinkType NULL = new LinkType(0, "NULL", "BSD loopback");
    public static final LinkType EN10MB = new LinkType(1, "EN10MB", "Ethernet");
    /** Ethernet II / IEEE 802.3 under RFC 9495's name LINKTYPE_ETHERNET; the same value as {@link #EN10MB}. */
    public static final LinkType ETHERNET = EN10MB;
    public static final LinkType PPP = new LinkType(9, "PPP", "PPP");
    /** PPP in HDLC-like framing (RFC 1662), libpcap's DLT_PPP_SERIAL. */
    public static final LinkType PPP_SERIAL = new LinkType(50, "PPP_SERIAL", "PPP over serial");
    public static final LinkType RAW = new LinkType(101, "RAW", "Raw IP");
    public static final LinkType IEEE802_11 = new LinkType(105, "IEEE802_11", "802.11");
    public static final LinkType LOOP = new LinkType(108, "LOOP", "OpenBSD loopback");
    public static final LinkType LINUX_SLL = new LinkType(113, "LINUX_SLL", "Linux cooked v1");
    public static final LinkType IEEE802_11_RADIOTAP = new LinkType(127, "IEEE802_11_RADIO", "802.11 plus radiotap header");
    public static final LinkType IPV4 = new LinkType(228, "IPV4", "Raw IPv4");
    public static final LinkType IPV6 = new LinkType(229, "IPV6", "Raw IPv6");
    public static final LinkType LINUX_SLL2 = new LinkType(276, "LINUX_SLL2", "Linux cooked v2");

    private static final LinkType[] KNOWN = {NULL, EN10MB, PPP, PPP_SERIAL, RAW, IEEE802_11, LOOP, LINUX_SLL,
            IEEE802_11_RADIOTAP, IPV4, IPV6, LINUX_SLL2};

    private final int value;
    private final String name;
    private final String description;

    private LinkType(int value, String name, String description) {
        this.value = value;
        this.name = name;
        this.description = description;
    }

    /**
     * The link type with this LINKTYPE_ number; an unknown number gives a type named after it. libpcap's
     * DLT_RAW is 12 on most systems and 14 on OpenBSD; both are LINKTYPE_RAW in files.
     */
    public static LinkType valueOf(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("LinkType: " + value + " is outside 0..65535");
        }
        if (value == 12 || value == 14) {
            return RAW;
        }
        for (LinkType t : KNOWN) {
            if (t.value == value) {
                return t;
            }
        }
        return new LinkType(value, "LINKTYPE_" + value, "link type " + value);
    }

    /** The link type for a DLT_ value as a live libpcap handle reports it (DLT and LINKTYPE differ only for RAW). */
    public static LinkType fromDlt(int dlt) {
        return valueOf(dlt);
    }

    public int value() {
        return value;
    }

    /** The short name tcpdump uses (EN10MB, LINUX_SLL2, ...). */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkType t && t.value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    /** For example {@code EN10MB(1)}. */
    @Override
    public String toString() {
        return name + "(" + value + ")";
    }
}
