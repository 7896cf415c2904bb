package dev.netkit.address;

import java.util.List;

/**
 * What an address is for, from the IANA IPv4 and IPv6 special-purpose address registries (RFC 6890).
 * {@code name} is the short JSON value ("private", "documentation"...), {@code description} the text one.
 */
public record AddressType(String name, String description, String reference) {

    private record Block(Cidr cidr, AddressType type) {
    }

    private static Block block(String cidr, String name, String description, String reference) {
        return new Block(Cidr.parse(cidr), new AddressType(name, description, reference));
    }

    public static final AddressType PUBLIC_V4 = new AddressType("public", "public (global unicast)", "RFC 791");
    public static final AddressType PUBLIC_V6 = new AddressType("public", "public (global unicast)", "RFC 4291");
    public static final AddressType RESERVED_V6 = new AddressType("reserved", "reserved by IETF", "RFC 4291");

    /** Most specific first; the first block that contains the address wins. */
    private static final List<Block> V4 = List.of(
            block("0.0.0.0/32", "unspecified", "unspecified (this host)", "RFC 1122"),
            block("255.255.255.255/32", "broadcast", "limited broadcast", "RFC 919"),
            block("192.0.0.0/24", "ietf-protocol", "IETF protocol assignments", "RFC 6890"),
            block("192.0.2.0/24", "documentation", "documentation (TEST-NET-1)", "RFC 5737"),
            block("198.51.100.0/24", "documentation", "documentation (TEST-NET-2)", "RFC 5737"),
            block("203.0.113.0/24", "documentation", "documentation (TEST-NET-3)", "RFC 5737"),
            block("192.88.99.0/24", "reserved", "deprecated 6to4 relay anycast", "RFC 7526"),
            block("169.254.0.0/16", "link-local", "link-local", "RFC 3927"),
            block("192.168.0.0/16", "private", "private", "RFC 1918"),
            block("198.18.0.0/15", "benchmarking", "benchmarking", "RFC 2544"),
            block("172.16.0.0/12", "private", "private", "RFC 1918"),
            block("100.64.0.0/10", "shared", "shared address space (carrier-grade NAT)", "RFC 6598"),
            block("0.0.0.0/8", "this-network", "this network", "RFC 791"),
            block("10.0.0.0/8", "private", "private", "RFC 1918"),
            block("127.0.0.0/8", "loopback", "loopback", "RFC 1122"),
            block("224.0.0.0/4", "multicast", "multicast", "RFC 5771"),
            block("240.0.0.0/4", "reserved", "reserved (former class E)", "RFC 1112"));

    private static final List<Block> V6 = List.of(
            block("::/128", "unspecified", "unspecified", "RFC 4291"),
            block("::1/128", "loopback", "loopback", "RFC 4291"),
            block("::ffff:0:0/96", "ipv4-mapped", "IPv4-mapped", "RFC 4291"),
            block("64:ff9b::/96", "nat64", "IPv4/IPv6 translation (NAT64)", "RFC 6052"),
            block("64:ff9b:1::/48", "nat64", "local-use IPv4/IPv6 translation", "RFC 8215"),
            block("100::/64", "discard", "discard-only", "RFC 6666"),
            block("2001:2::/48", "benchmarking", "benchmarking", "RFC 5180"),
            block("2001::/32", "teredo", "Teredo", "RFC 4380"),
            block("2001:db8::/32", "documentation", "documentation", "RFC 3849"),
            block("2001::/23", "ietf-protocol", "IETF protocol assignments", "RFC 2928"),
            block("3fff::/20", "documentation", "documentation", "RFC 9637"),
            block("2002::/16", "6to4", "6to4", "RFC 3056"),
            block("fc00::/7", "unique-local", "unique local", "RFC 4193"),
            block("fe80::/10", "link-local", "link-local unicast", "RFC 4291"),
            block("fec0::/10", "reserved", "deprecated site-local", "RFC 3879"),
            block("ff00::/8", "multicast", "multicast", "RFC 4291"),
            block("2000::/3", "public", "public (global unicast)", "RFC 4291"));

    /** The type of an address. */
    public static AddressType of(IpAddress a) {
        for (Block b : a.version() == 4 ? V4 : V6) {
            if (b.cidr.contains(a)) {
                return b.type;
            }
        }
        return a.version() == 4 ? PUBLIC_V4 : RESERVED_V6;
    }

    /** "documentation (TEST-NET-1), RFC 5737". */
    @Override
    public String toString() {
        return description + ", " + reference;
    }
}
