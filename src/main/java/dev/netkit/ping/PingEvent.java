package dev.netkit.ping;

import dev.netkit.probe.ReplyKind;
import java.net.InetAddress;

/** What the ping engine reports, in the order it happens. */
public sealed interface PingEvent {
    /** Pinging starts for a target. */
    record Start(PingTarget target, int payloadBytes, int packetBytes) implements PingEvent {
    }

    /** A probe left (flood mode prints a dot). */
    record Transmit(PingTarget target, int seq) implements PingEvent {
    }

    /** The target answered probe {@code seq}. */
    record Answer(PingTarget target, InetAddress from, ReplyKind kind, int seq, int ttl, int bytes, long rttMicros,
                  boolean duplicate, long timeNanos) implements PingEvent {
    }

    /** An ICMP error (or a local one, {@code from} null) for probe {@code seq}. */
    record Error(PingTarget target, InetAddress from, int seq, ReplyKind kind, int icmpType, int icmpCode, int mtu,
                 long timeNanos) implements PingEvent {
    }

    /** Probe {@code seq} got no answer in time. */
    record Timeout(PingTarget target, int seq) implements PingEvent {
    }

    /** The statistics of one target when pinging ends. */
    record Summary(PingTarget target, int transmitted, int received, int duplicates, int errors, long elapsedMillis,
                   RttStatistics rtt) implements PingEvent {
        /** Loss in percent as iputils computes it (duplicates do not count as received). */
        public double lossPercent() {
            return transmitted == 0 ? 0 : (transmitted - received) * 100.0 / transmitted;
        }
    }
}
