package dev.netkit.ping;

import dev.netkit.probe.ReplyKind;
import java.net.InetAddress;
import java.util.List;

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

    /**
     * The figures over all targets when pinging ends, after their summaries (fping -s): a target is alive when one
     * of its probes was answered; a probe neither answered nor failed with an ICMP error timed out.
     */
    record Totals(int targets, int alive, long sent, long received, long errors, long timeouts, RttStatistics rtt,
                  long elapsedMillis) implements PingEvent {
        public int unreachable() {
            return targets - alive;
        }

        public static Totals of(List<Summary> summaries) {
            int alive = 0;
            long sent = 0;
            long received = 0;
            long errors = 0;
            long elapsed = 0;
            RttStatistics rtt = new RttStatistics();
            for (Summary s : summaries) {
                alive += s.received() > 0 ? 1 : 0;
                sent += s.transmitted();
                received += s.received();
                errors += s.errors();
                rtt.add(s.rtt());
                elapsed = Math.max(elapsed, s.elapsedMillis());
            }
            return new Totals(summaries.size(), alive, sent, received, errors, Math.max(0, sent - received - errors),
                    rtt, elapsed);
        }
    }
}
