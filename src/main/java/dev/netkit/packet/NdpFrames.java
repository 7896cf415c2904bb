package dev.netkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Neighbour discovery frames on Ethernet (RFC 4861 section 7.2.2, multicast MACs per RFC 2464 section 7). */
public final class NdpFrames {
    private NdpFrames() {
    }

    /** The solicited-node multicast group of {@code target}: ff02::1:ffXX:XXXX with its last three octets. */
    public static Inet6Address solicitedNode(Inet6Address target) {
        byte[] t = target.getAddress();
        byte[] group = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xff, t[13], t[14], t[15]};
        try {
            return (Inet6Address) InetAddress.getByAddress(group);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The Ethernet address of an IPv6 multicast group: 33:33 and the group's last four octets. */
    public static MacAddress multicastMac(Inet6Address group) {
        byte[] g = group.getAddress();
        return MacAddress.of(new byte[] {0x33, 0x33, g[12], g[13], g[14], g[15]});
    }

    /**
     * A neighbour solicitation for {@code target} from {@code own}/{@code source}, to the target's solicited-node
     * group, hop limit 255, with our source link-layer address option.
     */
    public static byte[] solicitation(MacAddress own, Inet6Address source, Inet6Address target) {
        Inet6Address group = solicitedNode(target);
        return PacketBuilder.ethernet(own, multicastMac(group)).ipv6(source, group).hopLimit(255)
                .icmpv6(new Icmpv6Message.NeighborSolicitation(target, List.of(NdpOption.LinkLayerAddress.source(own))))
                .build();
    }
}
