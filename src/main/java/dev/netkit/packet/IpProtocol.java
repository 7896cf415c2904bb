package dev.netkit.packet;

import java.util.HashMap;
import java.util.Map;

/** An IP protocol / IPv6 next-header number (IANA registry, RFC 5237). */
public final class IpProtocol extends NumberedValue {
    private static final Map<Integer, IpProtocol> KNOWN = new HashMap<>();

    /** IPv6 hop-by-hop options (RFC 8200 section 4.3). */
    public static final IpProtocol HOPOPT = define(0, "HOPOPT");
    /** ICMP for IPv4 (RFC 792). */
    public static final IpProtocol ICMP = define(1, "ICMP");
    /** IGMP (RFC 3376). */
    public static final IpProtocol IGMP = define(2, "IGMP");
    /** IPv4 in IP (RFC 2003). */
    public static final IpProtocol IPIP = define(4, "IPIP");
    /** TCP (RFC 9293). */
    public static final IpProtocol TCP = define(6, "TCP");
    /** UDP (RFC 768). */
    public static final IpProtocol UDP = define(17, "UDP");
    /** IPv6 in IP (RFC 2473). */
    public static final IpProtocol IPV6 = define(41, "IPV6");
    /** IPv6 routing header (RFC 8200 section 4.4). */
    public static final IpProtocol IPV6_ROUTE = define(43, "IPV6_ROUTE");
    /** IPv6 fragment header (RFC 8200 section 4.5). */
    public static final IpProtocol IPV6_FRAG = define(44, "IPV6_FRAG");
    /** GRE (RFC 2784). */
    public static final IpProtocol GRE = define(47, "GRE");
    /** IPsec ESP (RFC 4303). */
    public static final IpProtocol ESP = define(50, "ESP");
    /** IPsec AH (RFC 4302). */
    public static final IpProtocol AH = define(51, "AH");
    /** ICMP for IPv6 (RFC 4443). */
    public static final IpProtocol ICMPV6 = define(58, "ICMPV6");
    /** No next header (RFC 8200 section 4.7). */
    public static final IpProtocol IPV6_NONXT = define(59, "IPV6_NONXT");
    /** IPv6 destination options (RFC 8200 section 4.6). */
    public static final IpProtocol IPV6_OPTS = define(60, "IPV6_OPTS");
    /** SCTP (RFC 9260). */
    public static final IpProtocol SCTP = define(132, "SCTP");

    private IpProtocol(int value, String name) {
        super(value, name);
    }

    private static IpProtocol define(int value, String name) {
        IpProtocol v = new IpProtocol(value, name);
        KNOWN.put(value, v);
        return v;
    }

    /** The constant for {@code value}, or a new UNKNOWN one that keeps the number; never fails for 0..255. */
    public static IpProtocol valueOf(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("IpProtocol: " + value + " is outside 0..255");
        }
        IpProtocol v = KNOWN.get(value);
        return v != null ? v : new IpProtocol(value, "UNKNOWN");
    }
}
