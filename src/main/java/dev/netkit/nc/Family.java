package dev.netkit.nc;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which address family a name may resolve to: -4, -6 or either. */
public enum Family {
    ANY, IPV4, IPV6;

    public boolean accepts(InetAddress a) {
        return switch (this) {
            case ANY -> true;
            case IPV4 -> a instanceof Inet4Address;
            case IPV6 -> a instanceof Inet6Address;
        };
    }
}
