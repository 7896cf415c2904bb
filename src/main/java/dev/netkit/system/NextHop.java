package dev.netkit.system;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the kernel would send a packet for a destination: the outgoing interface, its MAC and MTU, the source
 * address it would pick, the gateway (if any) and the next hop's MAC from the {@link NeighborTable}. Read with
 * {@code ip -j route get}.
 *
 * @param device    the outgoing interface
 * @param gateway   the gateway, or null when the destination is on the link
 * @param source    the kernel's preferred source address
 * @param deviceMac the interface's MAC (all zeros when it is no Ethernet link: loopback, tun, tunnels)
 * @param mac       the next hop's MAC (all zeros on loopback)
 * @param mtu       the interface's MTU
 */
public record NextHop(String device, InetAddress gateway, InetAddress source, String deviceMac, String mac, int mtu) {
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
        return new NextHop(dev, gw, src, devMac, null, mtu);
    }

    /**
     * The route to {@code destination} with the next hop's MAC. When the neighbour table has none, one UDP
     * datagram to the next hop's discard port makes the kernel resolve it (ARP or neighbour discovery); the
     * table is then read again for up to {@code waitMillis}.
     */
    public static NextHop resolve(InetAddress destination, String device, long waitMillis) throws InterruptedException {
        NextHop n = route(destination, device);
        if (n.device.equals("lo") || n.deviceMac.equals(ZERO_MAC)) {
            return new NextHop(n.device, n.gateway, n.source, ZERO_MAC, ZERO_MAC, n.mtu);
        }
        InetAddress hop = n.hop(destination);
        String mac = NeighborTable.mac(hop, n.device);
        if (mac == null) {
            nudge(hop);
            long end = System.nanoTime() + waitMillis * 1_000_000;
            while (mac == null && System.nanoTime() < end) {
                Thread.sleep(50);
                mac = NeighborTable.mac(hop, n.device);
            }
        }
        if (mac == null) {
            throw new NetkitException(ExitCode.NEGATIVE, "the next hop " + IpLiteral.format(hop) + " on " + n.device
                    + " did not answer ARP/neighbour discovery");
        }
        return new NextHop(n.device, n.gateway, n.source, n.deviceMac, mac, n.mtu);
    }

    private static void nudge(InetAddress hop) {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.send(ByteBuffer.allocate(0), new InetSocketAddress(hop, 9));
        } catch (IOException e) {
            // Resolution is checked by reading the table again; a failed nudge shows up there.
        }
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
