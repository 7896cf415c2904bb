package dev.netkit.ping;

import java.net.InetAddress;

/** A host to ping: the name the user gave (or the address as text) and the address it resolved to. */
public record PingTarget(String name, InetAddress address) {
    /** True when the user gave a name rather than an address literal. */
    public boolean named() {
        return !AddressText.isLiteral(name);
    }
}
