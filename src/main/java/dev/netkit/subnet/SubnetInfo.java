package dev.netkit.subnet;

import dev.netkit.address.AddressType;
import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import dev.netkit.packet.MacAddress;

import java.math.BigInteger;

/**
 * Everything the info view shows about one address and prefix, computed once: the calculator of
 * ipcalc and sipcalc. IPv4 /31 and /32 follow RFC 3021 (2 and 1 usable, no broadcast); IPv6 has no
 * broadcast and every address of a prefix is usable.
 *
 * @param broadcast null for IPv6 and for IPv4 /31 and /32
 * @param historicalClass "A".."E" for IPv4 (RFC 791 classes, before CIDR), null for IPv6
 * @param multicastMac the Ethernet address a multicast group maps to (RFC 1112, RFC 2464), or null
 * @param embeddedV4 the IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address, or null
 */
public record SubnetInfo(Cidr cidr, IpAddress address, IpAddress network, IpAddress netmask, IpAddress wildcard,
                         IpAddress broadcast, IpAddress firstHost, IpAddress lastHost, BigInteger usableHosts,
                         BigInteger totalAddresses, String historicalClass, AddressType type, String reverseZone,
                         String multicastMac, IpAddress embeddedV4) {

    public static SubnetInfo of(Cidr cidr) {
        IpAddress a = cidr.address();
        int p = cidr.prefix();
        IpAddress network = cidr.network();
        IpAddress last = cidr.last();
        BigInteger total = cidr.totalAddresses();
        IpAddress broadcast = null;
        IpAddress first = network;
        IpAddress lastHost = last;
        BigInteger usable = total;
        if (a.version() == 4 && p <= 30) {
            broadcast = last;
            first = network.plus(1);
            lastHost = last.plus(-1);
            usable = total.subtract(BigInteger.TWO);
        }
        return new SubnetInfo(cidr, a, network, cidr.netmask(), cidr.wildcard(), broadcast, first, lastHost, usable,
                total, historicalClass(a), AddressType.of(a), reverseZone(a, p), multicastMac(a), embeddedV4(a));
    }

    static String historicalClass(IpAddress a) {
        if (a.version() != 4) {
            return null;
        }
        long first = a.lo() >>> 24;
        return first < 128 ? "A" : first < 192 ? "B" : first < 224 ? "C" : first < 240 ? "D" : "E";
    }

    /**
     * The reverse-DNS zone of the prefix at the enclosing octet (IPv4) or nibble (IPv6) boundary; for a /32
     * or /128 that is the PTR name of the address itself.
     */
    static String reverseZone(IpAddress a, int prefix) {
        StringBuilder b = new StringBuilder();
        if (a.version() == 4) {
            byte[] bytes = a.bytes();
            for (int i = prefix / 8 - 1; i >= 0; i--) {
                b.append(bytes[i] & 0xff).append('.');
            }
            return b.append("in-addr.arpa").toString();
        }
        for (int i = prefix / 4 - 1; i >= 0; i--) {
            long word = i < 16 ? a.hi() : a.lo();
            int nibble = (int) ((word >>> (4 * (15 - (i & 15)))) & 0xf);
            b.append(Character.forDigit(nibble, 16)).append('.');
        }
        return b.append("ip6.arpa").toString();
    }

    /** 01:00:5e + the low 23 bits for IPv4 (RFC 1112), 33:33 + the low 32 bits for IPv6 (RFC 2464). */
    static String multicastMac(IpAddress a) {
        if (a.version() == 4 && (a.lo() >>> 28) == 0xe) {
            return macString(0x01005e000000L | (a.lo() & 0x7fffff));
        }
        if (a.version() == 6 && (a.hi() >>> 56) == 0xff) {
            return macString(0x333300000000L | (a.lo() & 0xffffffffL));
        }
        return null;
    }

    private static String macString(long mac) {
        return MacAddress.of(mac).toString();
    }

    static IpAddress embeddedV4(IpAddress a) {
        if (a.version() != 6) {
            return null;
        }
        if (a.hi() == 0 && (a.lo() >>> 32) == 0xffffL) {
            return IpAddress.v4(a.lo() & 0xffffffffL);
        }
        if (a.hi() == 0x0064ff9b00000000L && (a.lo() >>> 32) == 0) {
            return IpAddress.v4(a.lo() & 0xffffffffL);
        }
        if ((a.hi() >>> 48) == 0x2002) {
            return IpAddress.v4((a.hi() >>> 16) & 0xffffffffL);
        }
        return null;
    }
}
