package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.OspfLsa;
import dev.netkit.packet.OspfPacket;

/**
 * tcpdump's OSPFv2 text (print-ospf.c, RFC 2328): version, type and length; with -v the router and area, the
 * authentication, then per type the hello's timers and neighbours, the database description's LSA headers, the
 * requests, the updates' LSAs ({@link OspfLsaText}) and the acknowledged LSA headers. Where the capture ends the
 * text ends with {@code [|ospf2]}.
 */
final class OspfText {
    static final int PROTOCOL = 89;
    static final BitNames OPTIONS = BitNames.of(0x01, "MultiTopology", 0x02, "External", 0x04, "Multicast",
            0x08, "NSSA", 0x10, "LLS", 0x20, "Demand Circuit", 0x40, "Opaque", 0x80, "Up/Down");
    private static final BitNames DD_FLAGS = BitNames.of(0x04, "Init", 0x02, "More", 0x01, "Master",
            0x08, "OOBResync");
    private static final String[] TYPES = {null, "Hello", "Database Description", "LS-Request", "LS-Update",
            "LS-Ack"};
    private static final String[] LSA_TYPES = {null, "Router", "Network", "Summary", "ASBR Summary", "External",
            "Multicast Group", null, "NSSA", "Link Local Opaque", "Area Local Opaque", "Domain Wide Opaque"};

    private OspfText() {
    }

    /** The OSPF packet at {@code [off, end)} of the frame; {@code length} is the IP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        try {
            body(b, new OspfPacket(d, off, end), length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|ospf2]");
        }
    }

    private static void body(StringBuilder b, OspfPacket p, int length, int verbose) {
        int authType = p.authType();
        if (authType == OspfPacket.AUTH_CRYPTOGRAPHIC) {
            length -= OspfPacket.DIGEST_LENGTH;
            p = p.withoutDigest();
        }
        int type = p.type();
        b.append("OSPFv").append(p.version()).append(", ");
        if (type == 0 || type >= TYPES.length) {
            b.append("unknown LS-type ").append(type).append(", length ").append(length);
            return;
        }
        b.append(TYPES[type]).append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        int declared = p.packetLength();
        if (length != declared) {
            b.append(" [len ").append(declared).append(']');
        }
        int dataEnd = Math.min(length, declared);
        AddressText.ipv4(b.append("\n\tRouter-ID "), p.routerId(), 0);
        if (!p.isBackbone()) {
            AddressText.ipv4(b.append(", Area "), p.areaId(), 0);
        } else {
            b.append(", Backbone Area");
        }
        byte[] authentication = p.authentication();
        b.append(", Authentication Type: ").append(authType == OspfPacket.AUTH_NONE ? "none"
                : authType == OspfPacket.AUTH_SIMPLE ? "simple" : authType == OspfPacket.AUTH_CRYPTOGRAPHIC ? "MD5"
                : "unknown").append(" (").append(authType).append(')');
        switch (authType) {
            case OspfPacket.AUTH_NONE -> {
            }
            case OspfPacket.AUTH_SIMPLE -> {
                b.append("\n\tSimple text password: ");
                WireString.appendUntilNul(b, authentication, 0, authentication.length, authentication.length);
            }
            case OspfPacket.AUTH_CRYPTOGRAPHIC -> b.append("\n\tKey-ID: ").append(p.keyId())
                    .append(", Auth-Length: ").append(p.authDataLength())
                    .append(String.format(", Crypto Sequence Number: 0x%08x", p.cryptoSequenceNumber()));
            default -> {
                return;
            }
        }
        if (p.version() != 2) {
            b.append(" ospf [version ").append(p.version()).append(']');
            return;
        }
        switch (type) {
            case OspfPacket.TYPE_HELLO -> hello(b, p, dataEnd);
            case OspfPacket.TYPE_DATABASE_DESCRIPTION -> {
                options(b.append("\n\tOptions ["), p.ddOptions()).append(']');
                DD_FLAGS.append(b.append(", DD Flags ["), p.ddFlags(), "none").append(']');
                if (p.ddMtu() != 0) {
                    b.append(", MTU: ").append(p.ddMtu());
                }
                b.append(String.format(", Sequence: 0x%08x", p.ddSequence()));
                for (int at = OspfPacket.DD_LSA_HEADERS; at < dataEnd && lsaHeader(b, p.lsa(at)) != -1;
                        at += OspfLsa.HEADER_LENGTH) {
                    // each header printed by the condition
                }
            }
            case OspfPacket.TYPE_LS_REQUEST -> {
                for (int at = OspfPacket.LS_REQUESTS; at < dataEnd; at += OspfPacket.LS_REQUEST_LENGTH) {
                    OspfPacket.LsRequest r = p.lsRequest(at);
                    AddressText.ipv4(b.append("\n\t  Advertising Router: "), r.advertisingRouter(), 0);
                    b.append(", ").append(lsaName(r.type())).append(" LSA (").append(r.type()).append(')');
                    if (opaque(r.type())) {
                        opaqueId(b, r.opaqueType(), r.opaqueId(), ": ");
                    } else {
                        AddressText.ipv4(b.append(", LSA-ID: "), r.lsaId(), 0);
                    }
                }
            }
            case OspfPacket.TYPE_LS_UPDATE -> {
                long count = p.lsaCount();
                b.append(", ").append(count).append(" LSA").append(count == 1 ? "" : "s");
                int at = OspfPacket.LS_UPDATE_LSAS;
                for (long i = 1; i <= count; i++) {
                    b.append("\n\t  LSA #").append(i);
                    int lsaLength = OspfLsaText.lsa(b, p.lsa(at), verbose);
                    if (lsaLength < 0) {
                        throw MalformedPacketException.truncated("ospf2", "LSA", 1, 0);
                    }
                    at += lsaLength;
                }
            }
            case OspfPacket.TYPE_LS_ACK -> {
                for (int at = OspfPacket.LS_ACK_LSA_HEADERS; at < dataEnd; at += OspfLsa.HEADER_LENGTH) {
                    lsaHeader(b, p.lsa(at));
                }
            }
            default -> {
            }
        }
    }

    private static void hello(StringBuilder b, OspfPacket p, int dataEnd) {
        options(b.append("\n\tOptions ["), p.helloOptions()).append(']');
        b.append("\n\t  Hello Timer ").append(p.helloInterval()).append("s, Dead Timer ")
                .append(p.routerDeadInterval()).append("s, Mask ");
        AddressText.ipv4(b, p.helloNetworkMask(), 0).append(", Priority ").append(p.routerPriority());
        if (p.hasDesignatedRouter()) {
            AddressText.ipv4(b.append("\n\t  Designated Router "), p.designatedRouter(), 0);
        }
        if (p.hasBackupDesignatedRouter()) {
            AddressText.ipv4(b.append(", Backup Designated Router "), p.backupDesignatedRouter(), 0);
        }
        if (OspfPacket.HELLO_NEIGHBORS < dataEnd) {
            b.append("\n\t  Neighbor List:");
        }
        for (int at = OspfPacket.HELLO_NEIGHBORS; at < dataEnd; at += OspfPacket.NEIGHBOR_LENGTH) {
            AddressText.ipv4(b.append("\n\t    "), p.neighbor(at), 0);
        }
    }

    static StringBuilder options(StringBuilder b, int options) {
        return OPTIONS.append(b, options, "none");
    }

    /** An LSA's header: the LSA's whole length, or -1 when it is shorter than its header. */
    static int lsaHeader(StringBuilder b, OspfLsa lsa) {
        int length = lsa.lsaLength();
        if (length < OspfLsa.HEADER_LENGTH) {
            b.append("\n\t    Bogus length ").append(length).append(" < header (20)");
            return -1;
        }
        AddressText.ipv4(b.append("\n\t  Advertising Router "), lsa.advertisingRouter(), 0);
        b.append(String.format(", seq 0x%08x, age %ds, length %d", lsa.sequence(), lsa.age(),
                length - OspfLsa.HEADER_LENGTH));
        int type = lsa.type();
        b.append("\n\t    ").append(lsaName(type)).append(" LSA (").append(type).append(')');
        if (opaque(type)) {
            opaqueId(b, lsa.opaqueType(), lsa.opaqueId(), " ");
        } else {
            AddressText.ipv4(b.append(", LSA-ID: "), lsa.lsaId(), 0);
        }
        options(b.append("\n\t    Options: ["), lsa.options()).append(']');
        return length;
    }

    private static boolean opaque(long type) {
        return type >= OspfLsa.TYPE_OPAQUE_LINK && type <= OspfLsa.TYPE_OPAQUE_AS;
    }

    /** An opaque LSA's type and id, after {@code colon}. */
    private static void opaqueId(StringBuilder b, int opaqueType, int opaqueId, String colon) {
        b.append(", Opaque-Type").append(colon).append(opaqueName(opaqueType)).append(" LSA (").append(opaqueType)
                .append("), Opaque-ID").append(colon).append(opaqueId);
    }

    private static String lsaName(long type) {
        return type < LSA_TYPES.length && LSA_TYPES[(int) type] != null ? LSA_TYPES[(int) type] : "unknown";
    }

    private static String opaqueName(int type) {
        return switch (type) {
            case 1 -> "Traffic Engineering";
            case 3 -> "Graceful restart";
            case 4 -> "Router Information";
            default -> "unknown";
        };
    }
}
