package dev.netkit.nc;

import dev.netkit.system.IpLiteral;

import java.net.InetAddress;

/** One address of a target as the user named it: {@code server.netkit.test} resolved to 198.18.10.10, port 80. */
public record Endpoint(String host, InetAddress address, int port) {
    /** The address in its usual text form (RFC 5952 for IPv6). */
    public String addressText() {
        return IpLiteral.format(address);
    }

    /** How netcat names the host: {@code name (address)} when a name was given, the address alone otherwise. */
    public String hostLabel() {
        String a = addressText();
        return host == null || host.equals(a) || IpLiteral.parseOrNull(host) != null ? a : host + " (" + a + ")";
    }
}
