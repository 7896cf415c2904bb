package dev.netkit.sniff.print;

import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.MldMessage;

/** The field view's IGMP and MLD part (RFC 2236, RFC 3376, RFC 2710, RFC 3810), written through its FieldView. */
final class MulticastFields {
    /** Address widths: IGMP's IPv4, MLD's IPv6. */
    private static final int IPV4 = 4;
    private static final int IPV6 = 16;
    private final FieldView v;

    MulticastFields(FieldView v) {
        this.v = v;
    }

    /** MLD fields after type, code and checksum (RFC 2710, RFC 3810). */
    void mld(MldMessage m, int at, int end) {
        switch (m) {
            case MldMessage.Query q -> {
                v.decField(at + 4, 16, "maximum response code", q.maxResponseDelayMillis() + " ms");
                v.hexField(at + 6, 16, "reserved", "");
                v.bytesField(at + 8, 16, "multicast address", v.ipv6Text(at + 8) + (q.group().isAnyLocalAddress() ? " (general)" : ""));
                if (q.version() == 2) {
                    querier(at + 24, q.suppressRouterProcessing(), q.robustness(), q.queryIntervalSeconds(),
                            q.sources().size(), IPV6, end);
                }
            }
            case MldMessage.Listener l -> {
                v.decField(at + 4, 16, "maximum response delay", v.u16(at + 4) + " ms");
                v.hexField(at + 6, 16, "reserved", "");
                v.bytesField(at + 8, 16, "multicast address", v.ipv6Text(at + 8));
            }
            case MldMessage.Version2Report r -> {
                v.hexField(at + 4, 16, "reserved", "");
                v.decField(at + 6, 16, "number of address records", Integer.toString(v.u16(at + 6)));
                int o = at + 8;
                for (MldMessage.AddressRecord a : r.records()) {
                    o = record(o, a.recordType(), a.sources().size(), 4 * v.u8(o + 1), IPV6, end);
                }
            }
        }
    }

    int igmp(IgmpMessage m, int at, int end) {
        v.layer("IGMP", at, end - at);
        v.bits(at, 0, 8, "type", "0x" + Integer.toHexString(v.u8(at)) + " (" + igmpTypeName(m) + ")");
        String code = switch (m) {
            case IgmpMessage.Query q when q.version() == 1 -> "0 (version 1 query)";
            case IgmpMessage.Query q -> q.maxResponseCode() + " (max response time " + q.maxResponseTenths() / 10.0 + " s)";
            default -> Integer.toString(v.u8(at + 1)); // reports and leaves: the byte as sent
        };
        v.bits(at + 1, 0, 8, m instanceof IgmpMessage.Query ? "max response code" : "reserved", code);
        v.hexField(at + 2, 16, "checksum", "");
        if (m instanceof IgmpMessage.Version3Report r) {
            v.hexField(at + 4, 16, "reserved", "");
            v.decField(at + 6, 16, "number of group records", Integer.toString(v.u16(at + 6)));
            int o = at + 8;
            for (IgmpMessage.GroupRecord g : r.records()) {
                o = record(o, g.recordType(), g.sources().size(), g.auxData().length, IPV4, end);
            }
            return end;
        }
        v.bytesField(at + 4, 4, "group address", v.ipv4(at + 4) + (v.u32(at + 4) == 0 ? " (general)" : ""));
        if (m instanceof IgmpMessage.Query q && q.version() == 3) {
            querier(at + 8, q.suppressRouterProcessing(), q.robustness(), q.queryIntervalSeconds(),
                    q.sources().size(), IPV4, end);
        }
        return end;
    }

    /**
     * The querier's fields of an IGMPv3 or MLDv2 query from {@code at} (RFC 3376 4.1.5, RFC 3810 5.1.7: the
     * same layout): S flag, QRV, QQIC, the number of sources and the sources.
     */
    private void querier(int at, boolean suppress, int robustness, int intervalSeconds, int sources, int width,
            int end) {
        v.bits(at, 0, 4, "reserved", "");
        v.bits(at, 4, 1, "suppress router-side processing (S)", suppress ? "set" : "not set");
        v.bits(at, 5, 3, "querier's robustness (QRV)", Integer.toString(robustness));
        v.bits(at + 1, 0, 8, "querier's query interval code", intervalSeconds + " s");
        v.decField(at + 2, 16, "number of sources", Integer.toString(v.u16(at + 2)));
        sources(at + 4, sources, width, end);
    }

    /**
     * One IGMPv3 group record or MLDv2 address record from {@code o} (RFC 3376 4.2.4, RFC 3810 5.2.4: the same
     * layout with {@code width}-byte addresses), its {@code aux} bytes of auxiliary data last; returns where it ends.
     */
    private int record(int o, int recordType, int sources, int aux, int width, int end) {
        v.bits(o, 0, 8, "record type", recordType + " (" + recordTypeName(recordType) + ")");
        v.bits(o + 1, 0, 8, "aux data length", v.u8(o + 1) + " words");
        v.decField(o + 2, 16, "number of sources", Integer.toString(v.u16(o + 2)));
        v.bytesField(o + 4, width, "multicast address", address(o + 4, width));
        o = sources(o + 4 + width, sources, width, end);
        v.bytesField(o, Math.min(aux, end - o), "auxiliary data", "");
        return o + aux;
    }

    /** {@code n} source addresses of {@code width} bytes from {@code at}; returns where they end. */
    private int sources(int at, int n, int width, int end) {
        for (int k = 0; k < n && at + width <= end; k++, at += width) {
            v.bytesField(at, width, "source address", address(at, width));
        }
        return at;
    }

    private String address(int at, int width) {
        return width == IPV4 ? v.ipv4(at) : v.ipv6Text(at);
    }

    private static String igmpTypeName(IgmpMessage m) {
        return switch (m) {
            case IgmpMessage.Query q -> "membership query, version " + q.version();
            case IgmpMessage.MembershipReport r -> "version " + r.version() + " membership report";
            case IgmpMessage.Leave l -> "leave group";
            case IgmpMessage.Version3Report r -> "version 3 membership report";
            case IgmpMessage.Other o -> o.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String recordTypeName(int t) {
        return switch (t) {
            case 1 -> "MODE_IS_INCLUDE";
            case 2 -> "MODE_IS_EXCLUDE";
            case 3 -> "CHANGE_TO_INCLUDE_MODE";
            case 4 -> "CHANGE_TO_EXCLUDE_MODE";
            case 5 -> "ALLOW_NEW_SOURCES";
            case 6 -> "BLOCK_OLD_SOURCES";
            default -> "unknown";
        };
    }
}
