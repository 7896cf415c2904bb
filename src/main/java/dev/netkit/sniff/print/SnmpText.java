package dev.netkit.sniff.print;

import dev.netkit.packet.BerElement;
import dev.netkit.packet.MalformedPacketException;

import java.nio.charset.StandardCharsets;

/**
 * tcpdump's SNMP text (print-snmp.c, UDP ports 161 and 162): SNMPv1 and v2c messages as their community (when
 * not "public"), PDU and variable bindings, SNMPv3 as its flags, user and scoped PDU; -v adds the version, the
 * request id and braces around each part. Elements are read as BER ({@link BerElement}); one that does not fit
 * its enclosing length prints tcpdump's bracketed complaint, one cut by the capture {@code [|snmp]}. Object
 * identifiers print as numbers, as tcpdump's do with -n.
 */
final class SnmpText {
    static final int PORT = 161;
    static final int TRAP_PORT = 162;

    private static final String[] ERROR_STATUS = {"noError", "tooBig", "noSuchName", "badValue", "readOnly",
            "genErr", "noAccess", "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
            "inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError",
            "notWritable", "inconsistentName"};
    private static final String[] GENERIC_TRAP = {"coldStart", "warmStart", "linkDown", "linkUp",
            "authenticationFailure", "egpNeighborLoss", "enterpriseSpecific"};
    private static final String[] VERSIONS = {"SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"};

    /** PDU tags (RFC 3416 section 3). */
    private static final int GET = 0;
    private static final int GET_NEXT = 1;
    private static final int SET = 3;
    private static final int TRAP = 4;
    private static final int GET_BULK = 5;
    private static final int INFORM = 6;
    private static final int V2_TRAP = 7;
    private static final int REPORT = 8;

    private final StringBuilder b;
    private final byte[] d;
    private final BerText ber;
    private final int verbose;

    private SnmpText(StringBuilder b, byte[] d, int end, int verbose, boolean numeric) {
        this.b = b;
        this.d = d;
        this.ber = new BerText(b, d, end, numeric);
        this.verbose = verbose;
    }

    /**
     * The message at {@code [off, end)} of the frame; {@code length} is the UDP payload's length, {@code numeric}
     * tcpdump's -n (object identifiers as numbers, else named as tcpdump names them).
     */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose, boolean numeric) {
        b.append(' ');
        try {
            new SnmpText(b, d, end, verbose, numeric).message(off, length);
        } catch (MalformedPacketException e) {
            // the capture ended inside an element's header: tcpdump stops the whole packet there
            b.append(" [|snmp]");
        }
    }

    private void message(int at, int length) {
        BerText.Element e = ber.expect(at, length, BerText.Kind.SEQUENCE, "[!init SEQ]");
        if (e == null) {
            return;
        }
        extra(e.size(), length, "iSEQ");
        at = e.content();
        length = e.length();
        e = ber.expect(at, length, BerText.Kind.INTEGER, "[version!=INT]");
        if (e == null) {
            return;
        }
        int version = (int) e.value();
        if (version != 0 && version != 1 && version != 3) {
            b.append("SNMP [version = ").append(version).append(']');
            return;
        }
        if (verbose > 0) {
            b.append("{ ").append(VERSIONS[version]).append(' ');
        }
        at += e.size();
        length -= e.size();
        if (version == 3) {
            v3(at, length);
        } else {
            community(at, length, version);
        }
        if (verbose > 0) {
            b.append("} ");
        }
    }

    /** SNMPv1 and v2c (RFC 1157, RFC 1901): the community, unless "public", then the PDU. */
    private void community(int at, int length, int version) {
        BerText.Element e = ber.expect(at, length, BerText.Kind.STRING, "[comm!=STR]");
        if (e == null) {
            return;
        }
        // tcpdump leaves out the default community
        if (!(e.length() == 6 && "public".equals(new String(d, e.content(), 6, StandardCharsets.ISO_8859_1)))) {
            b.append("C=");
            ber.string(e);
            b.append(' ');
        }
        pdu(at + e.size(), length - e.size(), version);
    }

    private void pdu(int at, int length, int version) {
        BerText.Element pdu = ber.parse(at, length);
        if (pdu == null) {
            return;
        }
        if (pdu.kind() != BerText.Kind.PDU) {
            b.append("[no PDU]");
            return;
        }
        extra(pdu.size(), length, "PDU");
        if (verbose > 0) {
            b.append("{ ");
        }
        ber.value(pdu);
        b.append(' ');
        if (version == 0 && (pdu.id() == GET_BULK || pdu.id() == INFORM || pdu.id() == V2_TRAP || pdu.id() == REPORT)) {
            b.append("[v2 PDU in v1 message]");
            return;
        }
        if (version == 1 && pdu.id() == TRAP) {
            b.append("[v1 PDU in v2 message]");
            return;
        }
        if (pdu.id() == TRAP) {
            trap(pdu.content(), pdu.length());
        } else if (pdu.id() <= REPORT) {
            request(pdu.id(), pdu.content(), pdu.length());
        }
        if (verbose > 0) {
            b.append(" } ");
        }
    }

    /** GetRequest to Report except Trap: request id, error status and index, variable bindings. */
    private void request(int id, int at, int length) {
        BerText.Element e = ber.expect(at, length, BerText.Kind.INTEGER, "[reqId!=INT]");
        if (e == null) {
            return;
        }
        if (verbose > 0) {
            b.append("R=").append((int) e.value()).append(' ');
        }
        at += e.size();
        length -= e.size();
        e = ber.expect(at, length, BerText.Kind.INTEGER, "[errorStatus!=INT]");
        if (e == null) {
            return;
        }
        boolean asks = id == GET || id == GET_NEXT || id == SET || id == INFORM || id == V2_TRAP || id == REPORT;
        int status = (int) e.value();
        int errorStatus = 0;
        if (asks && status != 0) {
            b.append("[errorStatus(").append(errorStatus(status)).append(")!=0]");
        } else if (id == GET_BULK) {
            b.append(" N=").append(status);
        } else if (status != 0) {
            b.append(' ').append(errorStatus(status));
            errorStatus = status;
        }
        at += e.size();
        length -= e.size();
        e = ber.expect(at, length, BerText.Kind.INTEGER, "[errorIndex!=INT]");
        if (e == null) {
            return;
        }
        int index = (int) e.value();
        if (asks && index != 0) {
            b.append("[errorIndex(").append(index).append(")!=0]");
        } else if (id == GET_BULK) {
            b.append(" M=").append(index);
        } else if (index != 0) {
            b.append(errorStatus == 0 ? "[errorIndex(" + index + ") w/o errorStatus]" : "@" + index);
        } else if (errorStatus != 0) {
            b.append("[errorIndex==0]");
        }
        varbinds(id, at + e.size(), length - e.size());
    }

    /** The SNMPv1 Trap-PDU (RFC 1157 section 4.1.6). */
    private void trap(int at, int length) {
        b.append(' ');
        BerText.Element e = ber.expect(at, length, BerText.Kind.OID, "[enterprise!=OID]");
        if (e == null) {
            return;
        }
        ber.value(e);
        at += e.size();
        length -= e.size();
        b.append(' ');
        e = ber.expect(at, length, BerText.Kind.ADDRESS, "[agent-addr!=INETADDR]");
        if (e == null) {
            return;
        }
        ber.value(e);
        at += e.size();
        length -= e.size();
        e = ber.expect(at, length, BerText.Kind.INTEGER, "[generic-trap!=INT]");
        if (e == null) {
            return;
        }
        int generic = (int) e.value();
        b.append(' ').append(generic >= 0 && generic < GENERIC_TRAP.length ? GENERIC_TRAP[generic] : "gt=" + generic);
        at += e.size();
        length -= e.size();
        e = ber.expect(at, length, BerText.Kind.INTEGER, "[specific-trap!=INT]");
        if (e == null) {
            return;
        }
        if (generic != 6) {
            if (e.value() != 0) {
                b.append("[specific-trap(").append((int) e.value()).append(")!=0]");
            }
        } else {
            b.append(" s=").append((int) e.value());
        }
        at += e.size();
        length -= e.size();
        b.append(' ');
        e = ber.expect(at, length, BerText.Kind.UNSIGNED, "[time-stamp!=TIMETICKS]");
        if (e == null) {
            return;
        }
        ber.value(e);
        varbinds(TRAP, at + e.size(), length - e.size());
    }

    /** The variable bindings: name, and for all but the reads "=" and the value. */
    private void varbinds(int id, int at, int length) {
        BerText.Element e = ber.expect(at, length, BerText.Kind.SEQUENCE, "[!SEQ of varbind]");
        if (e == null) {
            return;
        }
        extra(e.size(), length, "SEQ of varbind");
        boolean read = id == GET || id == GET_NEXT || id == GET_BULK;
        at = e.content();
        length = e.length();
        while (length > 0) {
            b.append(' ');
            BerText.Element bind = ber.expect(at, length, BerText.Kind.SEQUENCE, "[!varbind]");
            if (bind == null) {
                return;
            }
            int next = at + bind.size();
            int left = length - bind.size();
            BerText.Element name = ber.expect(bind.content(), bind.length(), BerText.Kind.OID, "[objName!=OID]");
            if (name == null) {
                return;
            }
            ber.value(name);
            if (!read) {
                b.append('=');
            }
            BerText.Element value = ber.parse(bind.content() + name.size(), bind.length() - name.size());
            if (value == null) {
                return;
            }
            if (read) {
                if (value.kind() != BerText.Kind.NULL) {
                    b.append("[objVal!=NULL]");
                    ber.value(value);
                }
            } else if (value.kind() != BerText.Kind.NULL) {
                ber.value(value);
            }
            at = next;
            length = left;
        }
    }

    /** SNMPv3 (RFC 3412 section 6): the header's flags and security model, the USM parameters, the scoped PDU. */
    private void v3(int start, int total) {
        BerText.Element e = ber.expect(start, total, BerText.Kind.SEQUENCE, "[!message]");
        if (e == null) {
            return;
        }
        int at = e.content();
        int length = e.length();
        if (verbose > 0) {
            b.append("{ ");
        }
        for (String field : new String[] {"msgID", "msgMaxSize"}) {
            e = ber.expect(at, length, BerText.Kind.INTEGER, "[" + field + "!=INT]");
            if (e == null) {
                return;
            }
            at += e.size();
            length -= e.size();
        }
        e = ber.expect(at, length, BerText.Kind.STRING, "[msgFlags!=STR]");
        if (e == null) {
            return;
        }
        if (e.length() != 1) {
            b.append("[msgFlags size ").append(e.length()).append(']');
            return;
        }
        int flags = d[e.content()] & 0xff;
        if (flags != 0 && flags != 1 && flags != 3 && flags != 4 && flags != 5 && flags != 7) {
            b.append("[msgFlags=0x").append(String.format("%02X", flags)).append(']');
            return;
        }
        at += e.size();
        length -= e.size();
        b.append("F=").append((flags & 1) != 0 ? "a" : "").append((flags & 2) != 0 ? "p" : "")
                .append((flags & 4) != 0 ? "r" : "").append(' ');
        e = ber.expect(at, length, BerText.Kind.INTEGER, "[msgSecurityModel!=INT]");
        if (e == null) {
            return;
        }
        int model = (int) e.value();
        at += e.size();
        length -= e.size();
        // tcpdump compares the last field's size, not the header's, with what is left after it
        extra(e.size(), length, "message SEQ");
        if (verbose > 0) {
            b.append("} ");
        }
        if (model != 3) {
            b.append("[security model ").append(model).append(']');
            return;
        }
        if (verbose > 0) {
            b.append("{ USM ");
        }
        length = total - (at - start);
        e = ber.expect(at, length, BerText.Kind.STRING, "[msgSecurityParameters!=STR]");
        if (e == null) {
            return;
        }
        usm(e.content(), e.length());
        if (verbose > 0) {
            b.append("} ");
        }
        if (verbose > 0) {
            b.append("{ ScopedPDU ");
        }
        scoped(at + e.size(), length - e.size());
        if (verbose > 0) {
            b.append("} ");
        }
    }

    /** The user-based security model's parameters (RFC 3414 section 2.4): -v adds boots and time. */
    private void usm(int at, int length) {
        BerText.Element e = ber.expect(at, length, BerText.Kind.SEQUENCE, "[!usm]");
        if (e == null) {
            return;
        }
        at = e.content();
        length = e.length();
        String[] fields = {"msgAuthoritativeEngineID", "msgAuthoritativeEngineBoots", "msgAuthoritativeEngineTime",
                "msgUserName", "msgAuthenticationParameters", "msgPrivacyParameters"};
        for (int i = 0; i < fields.length; i++) {
            boolean integer = i == 1 || i == 2;
            e = ber.expect(at, length, integer ? BerText.Kind.INTEGER : BerText.Kind.STRING,
                    "[" + fields[i] + (integer ? "!=INT]" : "!=STR]"));
            if (e == null) {
                return;
            }
            if (integer && verbose > 0) {
                b.append(i == 1 ? "B=" : "T=").append((int) e.value()).append(' ');
            }
            at += e.size();
            length -= e.size();
            if (i == 3) {
                b.append("U=");
                ber.string(e);
                b.append(' ');
            }
        }
        extra(e.size(), length, "usm SEQ");
    }

    /** The scoped PDU (RFC 3412 section 6): context engine id and name, then the PDU. */
    private void scoped(int at, int length) {
        BerText.Element e = ber.expect(at, length, BerText.Kind.SEQUENCE, "[!scoped PDU]");
        if (e == null) {
            return;
        }
        at = e.content();
        length = e.length();
        e = ber.expect(at, length, BerText.Kind.STRING, "[contextEngineID!=STR]");
        if (e == null) {
            return;
        }
        at += e.size();
        length -= e.size();
        b.append("E=");
        ber.octets(e);
        b.append(' ');
        e = ber.expect(at, length, BerText.Kind.STRING, "[contextName!=STR]");
        if (e == null) {
            return;
        }
        at += e.size();
        length -= e.size();
        b.append("C=");
        ber.string(e);
        b.append(' ');
        pdu(at, length, 3);
    }

    /** tcpdump's "[N extra after X]": {@code size} bytes used of {@code length}. */
    private void extra(int size, int length, String after) {
        if (size < length) {
            b.append('[').append(length - size).append(" extra after ").append(after).append(']');
        }
    }

    private static String errorStatus(int status) {
        return status >= 0 && status < ERROR_STATUS.length ? ERROR_STATUS[status] : "err=" + Integer.toUnsignedString(status);
    }
}
