package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;
import dev.netkit.packet.Ospf6Lsa;
import dev.netkit.packet.Ospf6Packet;

/**
 * tcpdump's OSPFv3 text (print-ospf6.c, RFC 5340): version, type and length; with -v the router, area and
 * instance, the hello's options and timers, the database description's options and flags, the trailing link-local
 * signalling (RFC 5613) and authentication trailer (RFC 7166); with -vv also the hello's neighbours, the LSA headers,
 * requests and updates ({@link Ospf6LsaText}) and the authentication data. Where the capture ends, or a length is
 * wrong, the text ends with {@code [|ospf3]}.
 */
final class Ospf6Text {
    static final BitNames OPTIONS = BitNames.of(0x01, "V6", 0x02, "External", 0x04, "Deprecated", 0x08, "NSSA",
            0x10, "Router", 0x20, "Demand Circuit", 0x100, "AFs Support", 0x200, "LLS", 0x400,
            "Authentication Trailer");
    private static final BitNames DD_FLAGS = BitNames.of(0x04, "Init", 0x02, "More", 0x01, "Master",
            0x10, "IPv6 MTU");
    private static final String[] TYPES = {null, "Hello", "Database Description", "LS-Request", "LS-Update",
            "LS-Ack"};
    private static final String[] LSA_TYPES = {null, "Router", "Network", "Inter-Area Prefix", "Inter-Area Router",
            "External", "Deprecated", "NSSA", "Link", "Intra-Area Prefix", "Intra-Area TE", "Grace",
            "Router Information", "Inter-AS-TE", "Layer 1 VPN"};

    private Ospf6Text() {
    }

    /** The OSPFv3 packet at {@code [off, end)} of the frame; {@code length} is the IP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        try {
            body(b, new Ospf6Packet(d, off, end), length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|ospf3]");
        }
    }

    /** What tcpdump's printer gives up on: a length that does not fit, said as a cut ({@code [|ospf3]}). */
    static MalformedPacketException cut() {
        return MalformedPacketException.truncated("ospf3", "OSPFv3", 1, 0);
    }

    private static void body(StringBuilder b, Ospf6Packet p, int length, int verbose) {
        int type = p.type();
        int version = p.version();
        b.append("OSPFv").append(version).append(", ");
        if (type == 0 || type >= TYPES.length) {
            b.append("unknown packet type (").append(type).append("), length ").append(length);
            return;
        }
        b.append(TYPES[type]).append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        int dataEnd = p.packetLength();
        if (dataEnd > length) {
            b.append(" [len ").append(dataEnd).append(']');
            return;
        }
        ip(b, "\n\tRouter-ID ", p.routerId());
        if (!p.isBackbone()) {
            ip(b, ", Area ", p.areaId());
        } else {
            b.append(", Backbone Area");
        }
        int instance = p.instanceId();
        if (instance != 0) {
            b.append(", Instance ").append(instance);
        }
        if (version != 3) {
            return;
        }
        switch (type) {
            case Ospf6Packet.TYPE_HELLO -> hello(b, p, dataEnd, verbose);
            case Ospf6Packet.TYPE_DATABASE_DESCRIPTION -> {
                long options = p.ddOptions();
                OPTIONS.append(b.append("\n\tOptions ["), options, "none").append(']');
                int flags = p.ddFlags();
                DD_FLAGS.append(b.append(", DD Flags ["), flags, "none").append(']');
                int mtu = p.ddMtu();
                long sequence = p.ddSequence();
                b.append(", MTU ").append(mtu).append(String.format(", DD-Sequence 0x%08x", sequence));
                if (verbose > 1) {
                    for (int at = Ospf6Packet.DD_LSA_HEADERS; at < dataEnd; at += Ospf6Lsa.HEADER_LENGTH) {
                        lsaHeader(b, p.lsa(at), dataEnd - at);
                    }
                }
            }
            case Ospf6Packet.TYPE_LS_REQUEST -> {
                for (int at = Ospf6Packet.LS_REQUESTS; verbose > 1 && at < dataEnd;
                        at += Ospf6Packet.LS_REQUEST_LENGTH) {
                    Ospf6Packet.LsRequest r = p.lsRequest(at);
                    ip(b, "\n\t  Advertising Router ", r.advertisingRouter());
                    lsaType(b, r.type(), r.lsaId());
                }
            }
            case Ospf6Packet.TYPE_LS_UPDATE -> {
                if (verbose > 1) {
                    long count = p.lsaCount();
                    for (int at = Ospf6Packet.LS_UPDATE_LSAS; at < dataEnd && count-- != 0;
                            at += p.lsa(at).lsaLength()) {
                        Ospf6LsaText.lsa(b, p.lsa(at), dataEnd - at);
                    }
                }
            }
            default -> {
                for (int at = Ospf6Packet.LS_ACK_LSA_HEADERS; verbose > 1 && at < dataEnd;
                        at += Ospf6Lsa.HEADER_LENGTH) {
                    lsaHeader(b, p.lsa(at), dataEnd - at);
                }
            }
        }
        trailer(b, p, type, dataEnd, length - dataEnd, verbose);
    }

    private static void hello(StringBuilder b, Ospf6Packet p, int dataEnd, int verbose) {
        long options = p.helloOptions();
        OPTIONS.append(b.append("\n\tOptions ["), options, "none").append(']');
        int hello = p.helloInterval();
        int dead = p.routerDeadInterval();
        String id = ip(p.helloInterfaceId());
        int priority = p.routerPriority();
        b.append("\n\t  Hello Timer ").append(hello).append("s, Dead Timer ").append(dead).append("s, Interface-ID ")
                .append(id).append(", Priority ").append(priority);
        if (p.hasDesignatedRouter()) {
            ip(b, "\n\t  Designated Router ", p.designatedRouter());
        }
        if (p.hasBackupDesignatedRouter()) {
            ip(b, ", Backup Designated Router ", p.backupDesignatedRouter());
        }
        if (verbose > 1) {
            b.append("\n\t  Neighbor List:");
            for (int at = Ospf6Packet.HELLO_NEIGHBORS; at < dataEnd; at += Ospf6Packet.NEIGHBOR_LENGTH) {
                String neighbour = ip(p.neighbor(at));
                b.append("\n\t    ").append(neighbour);
            }
        }
    }

    /** An LSA's header, which must fit in the {@code room} left of the packet; a bogus length ends the text. */
    static void lsaHeader(StringBuilder b, Ospf6Lsa lsa, int room) {
        if (Ospf6Lsa.HEADER_LENGTH > room) {
            throw cut();
        }
        int length = lsa.lsaLength();
        if (length < Ospf6Lsa.HEADER_LENGTH) {
            b.append("\n\t\t  Bogus length ").append(length).append(" < header (20)");
            throw cut();
        }
        String router = ip(lsa.advertisingRouter());
        long sequence = lsa.sequence();
        int age = lsa.age();
        b.append("\n\t  Advertising Router ").append(router).append(String.format(", seq 0x%08x", sequence))
                .append(", age ").append(age).append("s, length ").append(length - Ospf6Lsa.HEADER_LENGTH);
        lsaType(b, lsa.type(), lsa.lsaId());
    }

    /** The LSA type with its flooding scope and the LSA id (tcpdump's ospf6_print_ls_type). */
    static void lsaType(StringBuilder b, int type, byte[] lsaId) {
        int code = type & 0x1fff;
        String id = ip(lsaId);
        String scope = switch (type & 0x6000) {
            case 0 -> "Link Local";
            case 0x2000 -> "Area Local";
            case 0x4000 -> "Domain Wide";
            default -> "Unknown";
        };
        b.append("\n\t    ").append(code < LSA_TYPES.length && LSA_TYPES[code] != null ? LSA_TYPES[code] : "Unknown")
                .append(" LSA (").append(code).append("), ").append(scope).append(" Scope")
                .append((type & 0x8000) != 0 ? ", transitive" : "").append(", LSA-ID ").append(id);
    }

    /** What follows the packet within the IP payload: link-local signalling, then an authentication trailer. */
    private static void trailer(StringBuilder b, Ospf6Packet p, int type, int at, int left, int verbose) {
        boolean lls = type == Ospf6Packet.TYPE_HELLO && (p.helloOptions() & Ospf6Packet.OPTION_LLS) != 0
                || type == Ospf6Packet.TYPE_DATABASE_DESCRIPTION && (p.ddOptions() & Ospf6Packet.OPTION_LLS) != 0;
        if (lls && left != 0) {
            if (left < Ospf6Packet.LLS_HEADER_LENGTH) {
                throw cut();
            }
            int checksum = p.llsChecksum(at);
            b.append(String.format("\n\tLLS Checksum 0x%04x", checksum));
            int llsLength = p.llsDataLength(at);
            b.append(", Data Length ").append(llsLength);
            if (llsLength < Ospf6Packet.LLS_HEADER_LENGTH || llsLength > left) {
                throw cut();
            }
            p.needLls(at, llsLength);
            at += llsLength;
            left -= llsLength;
        }
        if (left == 0) {
            return;
        }
        if (left < Ospf6Packet.AUTH_TRAILER_LENGTH) {
            throw cut();
        }
        int authType = p.authType(at);
        b.append("\n\tAuthentication Type ")
                .append(authType == Ospf6Packet.AUTH_HMAC ? "HMAC" : String.format("unknown (0x%04x)", authType));
        int authLength = p.authLength(at);
        b.append(", Length ").append(authLength);
        if (authLength < Ospf6Packet.AUTH_TRAILER_LENGTH || authLength > left) {
            throw cut();
        }
        int said = p.authSaId(at);
        b.append(", SAID ").append(said);
        b.append(String.format(", CSN 0x%08x", p.authSequenceHigh(at)));
        b.append(String.format(":%08x", p.authSequenceLow(at)));
        MessageBytes data = p.authData(at, authLength);
        if (verbose > 1) {
            HexDump.hex(b, "\n\tAuthentication Data ", data.buffer(), data.offset(), data.length());
        }
    }

    static String ip(byte[] address) {
        return AddressText.ipv4(new StringBuilder(), address, 0).toString();
    }

    /** {@code label} and the address, read before the label is printed (as tcpdump: nothing when it was cut). */
    static void ip(StringBuilder b, String label, byte[] address) {
        b.append(label).append(ip(address));
    }
}
