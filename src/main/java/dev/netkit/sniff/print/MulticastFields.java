package dev.netkit.sniff.print;

import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.MldMessage;

/** The field view's IGMP and MLD part (RFC 2236, RFC 3376, RFC 2710, RFC 3810), written through its FieldView. */
final class MulticastFields {
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
                    v.bits(at + 24, 0, 4, "reserved", "");
                    v.bits(at + 24, 4, 1, "suppress router-side processing (S)", q.suppressRouterProcessing() ? "set" : "not set");
                    v.bits(at + 24, 5, 3, "querier's robustness (QRV)", Integer.toString(q.robustness()));
                    v.bits(at + 25, 0, 8, "querier's query interval code", q.queryIntervalSeconds() + " s");
                    v.decField(at + 26, 16, "number of sources", Integer.toString(v.u16(at + 26)));
                    int o = at + 28;
                    for (int k = 0; k < q.sources().size(); k++, o += 16) {
                        v.bytesField(o, 16, "source address", v.ipv6Text(o));
                    }
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
                    v.bits(o, 0, 8, "record type", a.recordType() + " (" + recordTypeName(a.recordType()) + ")");
                    v.bits(o + 1, 0, 8, "aux data length", v.u8(o + 1) + " words");
                    v.decField(o + 2, 16, "number of sources", Integer.toString(v.u16(o + 2)));
                    int aux = 4 * v.u8(o + 1);
                    v.bytesField(o + 4, 16, "multicast address", v.ipv6Text(o + 4));
                    o += 20;
                    for (int k = 0; k < a.sources().size(); k++, o += 16) {
                        v.bytesField(o, 16, "source address", v.ipv6Text(o));
                    }
                    v.bytesField(o, Math.min(aux, end - o), "auxiliary data", "");
                    o += aux;
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
                v.bits(o, 0, 8, "record type", g.recordType() + " (" + recordTypeName(g.recordType()) + ")");
                v.bits(o + 1, 0, 8, "aux data length", v.u8(o + 1) + " words");
                v.decField(o + 2, 16, "number of sources", Integer.toString(v.u16(o + 2)));
                v.bytesField(o + 4, 4, "multicast address", v.ipv4(o + 4));
                o = sources(o + 8, g.sources().size(), end);
                v.bytesField(o, Math.min(g.auxData().length, end - o), "auxiliary data", "");
                o += g.auxData().length;
            }
            return end;
        }
        v.bytesField(at + 4, 4, "group address", v.ipv4(at + 4) + (v.u32(at + 4) == 0 ? " (general)" : ""));
        if (m instanceof IgmpMessage.Query q && q.version() == 3) {
            v.bits(at + 8, 0, 4, "reserved", "");
            v.bits(at + 8, 4, 1, "suppress router-side processing (S)", q.suppressRouterProcessing() ? "set" : "not set");
            v.bits(at + 8, 5, 3, "querier's robustness (QRV)", Integer.toString(q.robustness()));
            v.bits(at + 9, 0, 8, "querier's query interval code", q.queryIntervalSeconds() + " s");
            v.decField(at + 10, 16, "number of sources", Integer.toString(v.u16(at + 10)));
            sources(at + 12, q.sources().size(), end);
        }
        return end;
    }

    /** {@code n} IPv4 source addresses from {@code at}; returns where they end. */
    private int sources(int at, int n, int end) {
        for (int k = 0; k < n && at + 4 <= end; k++, at += 4) {
            v.bytesField(at, 4, "source address", v.ipv4(at));
        }
        return at;
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
