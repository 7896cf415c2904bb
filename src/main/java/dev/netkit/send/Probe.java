package dev.netkit.send;

import java.net.InetAddress;

/**
 * What to craft: the IP header fields, the transport and its fields, the payload. Checked by the command line;
 * the crafter takes it as it is.
 *
 * @param kind        ICMP (echo request unless another type is given), UDP or TCP
 * @param ttl         IPv4 TTL or IPv6 hop limit
 * @param tos         IPv4 TOS byte or IPv6 traffic class
 * @param id          the IPv4 identification of the first packet (the next ones count up)
 * @param dontFragment the IPv4 DF flag
 * @param moreFragments the IPv4 MF flag, set by hand
 * @param fragmentOffset the IPv4 fragment offset set by hand, in 8-byte units
 * @param mtu         fragment the datagram to this MTU (IPv4); 0 for no fragmenting by hand
 * @param icmpType    the ICMP type (8 echo request, or 128 for ICMPv6)
 * @param icmpCode    the ICMP code
 * @param icmpId      the echo identifier
 * @param tcpFlags    TCP flag bits (TcpHeader.SYN...)
 * @param seq         the TCP sequence number
 * @param ack         the TCP acknowledgement number
 * @param window      the TCP window
 * @param mss         a TCP MSS option; 0 for none
 * @param sourcePort  UDP/TCP source port
 * @param destinationPort UDP/TCP destination port
 * @param payload     the data after the transport header
 * @param badChecksum send a wrong transport checksum
 */
public record Probe(InetAddress source, InetAddress destination, Kind kind, int ttl, int tos, int id,
                    boolean dontFragment, boolean moreFragments, int fragmentOffset, int mtu,
                    int icmpType, int icmpCode, int icmpId, int tcpFlags, long seq, long ack, int window, int mss,
                    int sourcePort, int destinationPort, byte[] payload, boolean badChecksum) {
    /** The transport of a crafted packet. */
    public enum Kind {
        ICMP, UDP, TCP
    }

    public boolean isIpv6() {
        return destination.getAddress().length == 16;
    }

    /** The same probe from another source address (the kernel's choice once the route is known). */
    public Probe withSource(InetAddress s) {
        return new Probe(s, destination, kind, ttl, tos, id, dontFragment, moreFragments, fragmentOffset, mtu,
                icmpType, icmpCode, icmpId, tcpFlags, seq, ack, window, mss, sourcePort, destinationPort, payload,
                badChecksum);
    }
}
