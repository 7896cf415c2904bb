package dev.netkit.packet;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Multicast Listener Discovery, read from an ICMPv6 message: MLDv1 query, report and done (RFC 2710) and
 * the MLDv2 query and report with its multicast address records (RFC 3810). Counts on the wire (sources,
 * records) are trusted only as far as the message's bytes hold them.
 */
public sealed interface MldMessage {
    /** ICMPv6 types: query (130), v1 report (131), done (132), v2 report (143). */
    int QUERY = 130;
    int REPORT = 131;
    int DONE = 132;
    int V2_REPORT = 143;

    /** The MLD message an ICMPv6 message holds, if it is one with its fixed part complete. */
    static Optional<MldMessage> of(Icmpv6Message m) {
        if (!(m instanceof Icmpv6Message.Other o)) {
            return Optional.empty();
        }
        byte[] b = o.body(); // after type, code and checksum
        int n = b.length;
        return switch (o.type().value()) {
            case QUERY -> {
                if (n < 20) {
                    yield Optional.empty();
                }
                Inet6Address group = NetworkOrder.ipv6(b, 4);
                if (n < 24) {
                    yield Optional.of(new Query(1, NetworkOrder.u16(b, 0), group, false, 0, 0, List.of()));
                }
                int declared = NetworkOrder.u16(b, 22);
                yield Optional.of(new Query(2, NetworkOrder.u16(b, 0), group, (b[20] & 0x08) != 0, b[20] & 0x07,
                        b[21] & 0xff, addresses(b, 24, declared, n)));
            }
            case REPORT, DONE -> n < 20 ? Optional.empty()
                    : Optional.of(new Listener(o.type().value() == DONE, NetworkOrder.ipv6(b, 4)));
            case V2_REPORT -> {
                if (n < 4) {
                    yield Optional.empty();
                }
                int declared = NetworkOrder.u16(b, 2);
                List<AddressRecord> records = new ArrayList<>();
                int at = 4;
                for (int i = 0; i < declared && at + 20 <= n; i++) {
                    int sources = NetworkOrder.u16(b, at + 2);
                    records.add(new AddressRecord(b[at] & 0xff, NetworkOrder.ipv6(b, at + 4),
                            addresses(b, at + 20, sources, n)));
                    at += 20 + 16 * sources + 4 * (b[at + 1] & 0xff);
                }
                yield Optional.of(new Version2Report(List.copyOf(records)));
            }
            default -> Optional.empty();
        };
    }

    private static List<Inet6Address> addresses(byte[] b, int at, int count, int end) {
        return NetworkOrder.addresses(b, at, count, end, 16, NetworkOrder::ipv6);
    }

    /**
     * A query (130): version 1 (24 bytes, RFC 2710) or 2 (28 bytes or more, RFC 3810 section 5.1) with
     * S flag, QRV, QQIC and sources; the group is :: in a general query.
     */
    record Query(int version, int maxResponseCode, Inet6Address group, boolean suppressRouterProcessing,
            int robustness, int queryIntervalCode, List<Inet6Address> sources) implements MldMessage {
        public Query {
            sources = List.copyOf(sources);
        }

        /** The maximum response delay in milliseconds (RFC 3810 section 5.1.3's exponential form in v2). */
        public long maxResponseDelayMillis() {
            return version == 2 ? MulticastTimerCode.decode16(maxResponseCode) : maxResponseCode;
        }

        /** The querier's query interval in seconds (RFC 3810 section 5.1.9), v2 only. */
        public int queryIntervalSeconds() {
            return MulticastTimerCode.decode8(queryIntervalCode);
        }
    }

    /** An MLDv1 report (131) or done (132) for one multicast address (RFC 2710 section 3). */
    record Listener(boolean done, Inet6Address group) implements MldMessage {
    }

    /** One multicast address record of an MLDv2 report (RFC 3810 section 5.2.4); types 1..6 as IGMPv3's. */
    record AddressRecord(int recordType, Inet6Address group, List<Inet6Address> sources) {
        public AddressRecord {
            sources = List.copyOf(sources);
        }
    }

    /** An MLDv2 report (143, RFC 3810 section 5.2). */
    record Version2Report(List<AddressRecord> records) implements MldMessage {
        public Version2Report {
            records = List.copyOf(records);
        }
    }
}
