package dev.netkit.system;

import dev.netkit.TerminalText;
import dev.netkit.NetkitException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/** Resolves targets (-4/-6), names responders (reverse DNS, cached) and this host, for ping and trace. */
public final class HostNames {
    private final Map<InetAddress, String> names = new HashMap<>();

    /** The first address of {@code host} of the wanted family; a literal is never looked up. */
    public static InetAddress resolve(String host, boolean only4, boolean only6) {
        if (only4 && only6) {
            throw NetkitException.usage("-4 and -6 exclude each other");
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new NetkitException(2, host + ": Name or service not known");
        }
        for (InetAddress a : all) {
            if ((!only4 || a instanceof Inet4Address) && (!only6 || a instanceof Inet6Address)) {
                return a;
            }
        }
        throw new NetkitException(2, host + ": Address family for hostname not supported");
    }

    /** The reverse name of {@code address}, or its address text when it has none. */
    public String name(InetAddress address) {
        return names.computeIfAbsent(address, a -> {
            try {
                String n = InetAddress.getByAddress(a.getAddress()).getCanonicalHostName();
                return TerminalText.escape(n.endsWith(".") ? n.substring(0, n.length() - 1) : n);
            } catch (UnknownHostException e) {
                return IpLiteral.format(a);
            }
        });
    }

    /** This host's name (mtr's report header, the DOT graph's first node), "localhost" when it has none. */
    public static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
