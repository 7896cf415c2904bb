package dev.netkit.system;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the kernel would send a packet for a destination: the outgoing interface, its MAC and MTU, the source
 * address it would pick and the gateway (if any). Read with {@code ip -j route get}; the next hop's MAC comes from
 * {@code dev.netkit.capture.NextHops}.
 *
 * @param device    the outgoing interface
 * @param gateway   the gateway, or null when the destination is on the link
 * @param source    the kernel's preferred source address
 * @param deviceMac the interface's MAC (all zeros when it is no Ethernet link: loopback, tun, tunnels)
 * @param mtu       the interface's MTU
 */
public record NextHop(String device, InetAddress gateway, InetAddress source, String deviceMac, int mtu) {
    private static final String ZERO_MAC = "00:00:00:00:00:00";

    /** The address the next frame goes to: the gateway, or the destination itself. */
    public InetAddress hop(InetAddress destination) {
        return gateway != null ? gateway : destination;
    }

    /** The route to {@code destination} (through {@code device} when not null), without resolving the MAC. */
    public static NextHop route(InetAddress destination, String device) {
        List<String> args = new ArrayList<>(List.of("route", "get", IpLiteral.format(destination)));
        if (device != null) {
            args.addAll(List.of("oif", device));
        }
        List<Map<String, Object>> r = IpJson.run(args.toArray(String[]::new));
        if (r.isEmpty() || !(r.get(0).get("dev") instanceof String dev)) {
            throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(destination));
        }
        Map<String, Object> m = r.get(0);
        InetAddress gw = m.get("gateway") instanceof String g ? IpLiteral.parseOrNull(g) : null;
        InetAddress src = m.get("prefsrc") instanceof String s ? IpLiteral.parseOrNull(s) : null;
        Path sys = Path.of("/sys/class/net", dev);
        String devMac = ethernetMac(read(sys.resolve("type"), ""), read(sys.resolve("address"), ""));
        int mtu = Integer.parseInt(read(sys.resolve("mtu"), "1500"));
        return new NextHop(dev, gw, src, devMac, mtu);
    }

    /**
     * The interface's MAC when it is an Ethernet link (sysfs {@code type} 1, ARPHRD_ETHER, and six octets), else all
     * zeros: loopback, tun and wireguard have an empty address, ipip/gre/sit a 4-octet one.
     */
    static String ethernetMac(String type, String address) {
        return type.equals("1") && address.matches("(?i)\\p{XDigit}{2}(:\\p{XDigit}{2}){5}") ? address : ZERO_MAC;
    }

    private static String read(Path p, String fallback) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return fallback;
        }
    }
}
