package dev.netkit.packet;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * An IGMP message (RFC 1112, RFC 2236, RFC 3376): membership queries of versions 1 to 3, version 1 and 2
 * reports, leave, version 3 reports with their group records; other types are kept as bytes.
 * Counts on the wire (sources, group records) are trusted only as far as the captured bytes hold them.
 * {@link #emit} computes the checksum (over the message alone, no pseudo-header).
 */
public sealed interface IgmpMessage extends Layer {

    IgmpType type();

    /** The second byte: max response time (v2) or code (v3 query), otherwise reserved. */
    int maxResponseCode();

    /** Everything after type, max response code and checksum. */
    byte[] body();

    default int bufferLength() {
        return 4 + body().length;
    }

    /** Writes the message with its checksum at {@code offset}; returns its length. */
    default int emit(byte[] buffer, int offset) {
        byte[] body = body();
        buffer[offset + IgmpPacket.TYPE] = (byte) type().value();
        buffer[offset + IgmpPacket.MAX_RESPONSE] = (byte) maxResponseCode();
        NetworkOrder.put16(buffer, offset + IgmpPacket.CHECKSUM, 0);
        System.arraycopy(body, 0, buffer, offset + 4, body.length);
        int length = 4 + body.length;
        NetworkOrder.put16(buffer, offset + IgmpPacket.CHECKSUM, Checksum.finish(Checksum.sum(buffer, offset, length)));
        return length;
    }

    default byte[] toBytes() {
        byte[] b = new byte[bufferLength()];
        emit(b, 0);
        return b;
    }

    static IgmpMessage parse(byte[] buffer, int offset, int length) {
        return parse(IgmpPacket.newChecked(buffer, offset, length));
    }

    static IgmpMessage parse(IgmpPacket p) {
        byte[] b = p.buffer();
        int o = p.offset();
        int n = p.length();
        int code = p.maxResponseCode();
        Inet4Address group = NetworkOrder.ipv4(b, o + IgmpPacket.GROUP);
        return switch (p.type().value()) {
            case 0x11 -> {
                if (n < IgmpPacket.V3_QUERY_LENGTH) {
                    yield new Query(code == 0 ? 1 : 2, code, group, false, 0, 0, List.of());
                }
                int flags = b[o + IgmpPacket.QUERY_FLAGS] & 0xff;
                int declared = NetworkOrder.u16(b, o + IgmpPacket.QUERY_SOURCES);
                yield new Query(3, code, group, (flags & 0x08) != 0, flags & 0x07,
                        b[o + IgmpPacket.QUERY_INTERVAL] & 0xff,
                        addresses(b, o + IgmpPacket.QUERY_SOURCE_LIST, declared, o + n));
            }
            case 0x12 -> new MembershipReport(1, group);
            case 0x16 -> new MembershipReport(2, group);
            case 0x17 -> new Leave(group);
            case 0x22 -> {
                int declared = NetworkOrder.u16(b, o + IgmpPacket.REPORT_RECORDS);
                List<GroupRecord> records = new ArrayList<>(Math.min(declared, (n - 8) / 8));
                int at = o + IgmpPacket.REPORT_RECORD_LIST;
                for (int i = 0; i < declared && at + 8 <= o + n; i++) {
                    int sources = NetworkOrder.u16(b, at + 2);
                    int aux = (b[at + 1] & 0xff) * 4;
                    int sourcesEnd = at + 8 + 4 * sources;
                    int auxStart = Math.min(sourcesEnd, o + n);
                    int auxLength = Math.max(0, Math.min(aux, o + n - sourcesEnd));
                    records.add(new GroupRecord(b[at] & 0xff, NetworkOrder.ipv4(b, at + 4),
                            addresses(b, at + 8, sources, o + n), NetworkOrder.copy(b, auxStart, auxLength)));
                    at += 8 + 4 * sources + aux;
                }
                yield new Version3Report(List.copyOf(records));
            }
            default -> new Other(p.type(), code, NetworkOrder.copy(b, o + 4, n - 4));
        };
    }

    private static List<Inet4Address> addresses(byte[] b, int at, int count, int end) {
        return NetworkOrder.addresses(b, at, count, end, 4, NetworkOrder::ipv4);
    }

    /**
     * A membership query (0x11): version 1 (8 bytes, code 0), version 2 (8 bytes, max response time in
     * tenths of a second) or version 3 (12 bytes or more, RFC 3376 section 4.1) with S flag, QRV, QQIC
     * and sources. The group is 0.0.0.0 in a general query.
     */
    record Query(int version, int maxResponseCode, Inet4Address group, boolean suppressRouterProcessing,
            int robustness, int queryIntervalCode, List<Inet4Address> sources) implements IgmpMessage {
        public Query {
            sources = List.copyOf(sources);
        }

        public IgmpType type() {
            return IgmpType.MEMBERSHIP_QUERY;
        }

        /** The max response time in tenths of a second (RFC 3376 section 4.1.1's exponential form in v3). */
        public int maxResponseTenths() {
            return version == 3 ? MulticastTimerCode.decode8(maxResponseCode) : maxResponseCode;
        }

        /** The querier's query interval in seconds (RFC 3376 section 4.1.7), v3 only. */
        public int queryIntervalSeconds() {
            return MulticastTimerCode.decode8(queryIntervalCode);
        }

        public byte[] body() {
            if (version < 3) {
                return group.getAddress();
            }
            byte[] body = new byte[8 + 4 * sources.size()];
            NetworkOrder.putAddress(body, 0, group);
            body[4] = (byte) ((suppressRouterProcessing ? 0x08 : 0) | (robustness & 0x07));
            body[5] = (byte) queryIntervalCode;
            NetworkOrder.put16(body, 6, sources.size());
            for (int i = 0; i < sources.size(); i++) {
                NetworkOrder.putAddress(body, 8 + 4 * i, sources.get(i));
            }
            return body;
        }
    }

    /** A version 1 (0x12, RFC 1112) or version 2 (0x16, RFC 2236) membership report for one group. */
    record MembershipReport(int version, Inet4Address group) implements IgmpMessage {
        public IgmpType type() {
            return version == 1 ? IgmpType.V1_MEMBERSHIP_REPORT : IgmpType.V2_MEMBERSHIP_REPORT;
        }

        public int maxResponseCode() {
            return 0;
        }

        public byte[] body() {
            return group.getAddress(); // a fresh 4-byte copy: the whole body
        }
    }

    /** Leave group (0x17, RFC 2236 section 2). */
    record Leave(Inet4Address group) implements IgmpMessage {
        public IgmpType type() {
            return IgmpType.LEAVE_GROUP;
        }

        public int maxResponseCode() {
            return 0;
        }

        public byte[] body() {
            return group.getAddress(); // a fresh 4-byte copy: the whole body
        }
    }

    /** One group record of a version 3 report (RFC 3376 section 4.2.4); record types 1..6 are is_in..block. */
    record GroupRecord(int recordType, Inet4Address group, List<Inet4Address> sources, byte[] auxData) {
        public GroupRecord {
            sources = List.copyOf(sources);
            auxData = auxData.clone();
        }

        @Override
        public byte[] auxData() {
            return auxData.clone();
        }

        int bufferLength() {
            return 8 + 4 * sources.size() + (auxData.length + 3) / 4 * 4;
        }
    }

    /** A version 3 membership report (0x22, RFC 3376 section 4.2). */
    record Version3Report(List<GroupRecord> records) implements IgmpMessage {
        public Version3Report {
            records = List.copyOf(records);
        }

        public IgmpType type() {
            return IgmpType.V3_MEMBERSHIP_REPORT;
        }

        public int maxResponseCode() {
            return 0;
        }

        public byte[] body() {
            int length = 4;
            for (GroupRecord r : records) {
                length += r.bufferLength();
            }
            byte[] body = new byte[length];
            NetworkOrder.put16(body, 2, records.size());
            int at = 4;
            for (GroupRecord r : records) {
                body[at] = (byte) r.recordType();
                body[at + 1] = (byte) ((r.auxData.length + 3) / 4);
                NetworkOrder.put16(body, at + 2, r.sources().size());
                NetworkOrder.putAddress(body, at + 4, r.group());
                for (int i = 0; i < r.sources().size(); i++) {
                    NetworkOrder.putAddress(body, at + 8 + 4 * i, r.sources().get(i));
                }
                System.arraycopy(r.auxData, 0, body, at + 8 + 4 * r.sources().size(), r.auxData.length);
                at += r.bufferLength();
            }
            return body;
        }
    }

    /** Any other type (DVMRP, PIMv1, mtrace...): kept as bytes. */
    record Other(IgmpType type, int maxResponseCode, byte[] body) implements IgmpMessage {
        public Other {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }
}
