package dev.netkit.subnet;

import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;

/** A MAC's modified EUI-64 address inside an IPv6 prefix (RFC 4291 appendix A), as `subnet eui64` computes it. */
public final class Eui64 {
    private Eui64() {
    }

    /** The address {@code prefix} + the MAC's interface identifier; the prefix must be /64 or shorter. */
    public static IpAddress address(MacAddress mac, Cidr prefix) {
        if (prefix.version() != 6) {
            throw NetkitException.usage("EUI-64 needs an IPv6 prefix, not " + prefix);
        }
        if (prefix.prefix() > 64) {
            throw NetkitException.usage("prefix " + prefix + " is longer than /64: EUI-64 fills the low 64 bits");
        }
        return IpAddress.v6(prefix.network().hi(), mac.interfaceId());
    }

    /** A MAC address the user wrote; a usage error (exit 2) that says what is wrong when it is not one. */
    public static MacAddress parseMac(String text) {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw NetkitException.usage(e.getMessage());
        }
    }
}
