package dev.netkit.probe;

/** What came back for a probe. */
public enum ReplyKind {
    /** ICMP/ICMPv6 echo reply: the destination answered a ping. */
    ECHO_REPLY,
    /** ICMP time exceeded / ICMPv6 hop limit exceeded: a router on the way. */
    TIME_EXCEEDED,
    /** ICMP destination unreachable (port unreachable from the destination ends a UDP trace). */
    UNREACHABLE,
    /** ICMPv4 fragmentation needed or ICMPv6 packet too big, with the next-hop MTU. */
    PACKET_TOO_BIG,
    /** A TCP SYN-ACK: the port is open. */
    TCP_SYN_ACK,
    /** A TCP RST: the port is closed, the host is there. */
    TCP_RESET,
    /** Another ICMP error (parameter problem, source quench, redirect). */
    OTHER_ERROR
}
