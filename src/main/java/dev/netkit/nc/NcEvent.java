package dev.netkit.nc;

import java.net.InetSocketAddress;

/** What nc reports while it works; the command line turns these into netcat's messages or JSON. */
public sealed interface NcEvent {
    /** Why a connection attempt failed, as netcat distinguishes them. */
    enum Failure {
        /** The peer answered with a TCP reset or an ICMP port unreachable. */
        REFUSED,
        /** Nothing came back before -w ran out: a silent (filtered) port. */
        TIMED_OUT,
        /** An ICMP host or network unreachable, or no route. */
        UNREACHABLE,
        /** Any other error; the reason says which. */
        FAILED
    }

    /** A listener is bound and waiting. */
    record Listening(InetSocketAddress local, Transport transport) implements NcEvent {
    }

    /** A listener got a connection (TCP) or a datagram from a new peer (UDP). */
    record Accepted(InetSocketAddress peer, Transport transport) implements NcEvent {
    }

    /** A connection to the target succeeded (for UDP: no refusal came back). */
    record Connected(Endpoint target, Transport transport) implements NcEvent {
    }

    /** A connection to one address of the target failed. */
    record ConnectFailed(Endpoint target, Transport transport, Failure failure, String reason) implements NcEvent {
    }

    /** A relay ended; the byte counts are payload bytes in each direction. */
    record Closed(long bytesSent, long bytesReceived) implements NcEvent {
    }
}
