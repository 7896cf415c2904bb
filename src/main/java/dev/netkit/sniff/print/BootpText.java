package dev.netkit.sniff.print;

import dev.netkit.packet.BootpMessage;
import dev.netkit.packet.MalformedPacketException;

import java.util.Locale;
import java.util.Map;

/**
 * tcpdump's BOOTP/DHCP text (print-bootp.c): one line without -v; with it the addresses, the client's hardware
 * address, sname and file, and the RFC 1048 options, each formatted by its kind as tcpdump does. Where the
 * capture ends the text ends with {@code [|bootp]}; a wrong option length says {@code (invalid)}.
 */
final class BootpText {
    /**
     * tcpdump's option names (RFC 2132 and later, IANA's registry) with its format letter: i addresses, l/L 32-bit
     * unsigned/signed, s 16-bit, b dotted bytes, x hex bytes, a text, B boolean, p address pairs, $ special.
     */
    private static final Map<Integer, String> OPTIONS;

    static {
        String table = "0: PAD|1:iSubnet-Mask|2:LTime-Zone|3:iDefault-Gateway|4:iTime-Server|5:iIEN-Name-Server|"
                + "6:iDomain-Name-Server|7:iLOG|8:iCS|9:iLPR-Server|10:iIM|11:iRL|12:aHostname|13:sBS|255: END|"
                + "14:aDP|15:aDomain-Name|16:iSS|17:aRP|18:aEP|19:BIPF|20:BSRT|21:pPF|22:sRSZ|23:bTTL|"
                + "24:lMTU-Timeout|25:sMTU-Table|26:sMTU|27:BLSN|28:iBR|29:BMD|30:BMS|31:BRouter-Discovery|32:iRSA|"
                + "33:pStatic-Route|34:BUT|35:lAT|36:BIE|37:bTT|38:lKI|39:BKG|40:aYD|41:iYS|42:iNTP|"
                + "43:bVendor-Option|44:iNetbios-Name-Server|45:iWDD|46:$Netbios-Node|47:aNetbios-Scope|48:iXFS|"
                + "49:iXDM|64:sN+D|65:iN+S|68:iMH|69:iSMTP|70:iPOP3|71:iNNTP|72:iWWW|73:iFG|74:iIRC|75:iSTS|"
                + "76:iSTDA|50:iRequested-IP|51:lLease-Time|52:$OO|66:aTFTP|67:aBF|53: DHCP-Message|54:iServer-ID|"
                + "55:bParameter-Request|56:aMSG|57:sMSZ|58:lRN|59:lRB|60:aVendor-Class|61:$Client-ID|98:aUAP|"
                + "116:BAuto-Configure|78:bSLP-DA|79:bSLP-SCOPE|117:sNSSEARCH|77:$User-Class|118:iSUBNET|"
                + "121:$Classless-Static-Route|249:$Classless-Static-Route-Microsoft|143:$SZTP-Redirect|"
                + "150:iTFTP-Server-Address|80:aSLP-NA|81:$FQDN|82:$Agent-Information|83:bARMT|88:aTZSTR|"
                + "89:bFQDNS|90:bAUTH|91:lLast-Transaction-Time|92:iAssociated-IP|93:sARCH|94:bNDI|97:bGUID|"
                + "95:aLDAP|100:aPOSIX-TZ|101:aTZ-Name|112:iNI|113:aNITAG|114:aURL|161:aMUD-URL";
        OPTIONS = TokenTable.parse(table);
    }

    private static final String[] MESSAGE_TYPES = {null, "Discover", "Offer", "Request", "Decline", "ACK", "NACK",
            "Release", "Inform", null, "LeaseQuery", "LeaseUnassigned", "LeaseUnknown", "LeaseActive"};

    private BootpText() {
    }

    /** The message at {@code [off, end)}; {@code length} is the UDP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        BootpMessage m = new BootpMessage(d, Math.min(off, d.length), Math.max(0, Math.min(end, d.length) - off));
        try {
            body(b, m, d, length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|bootp]");
        }
    }

    private static void body(StringBuilder b, BootpMessage m, byte[] d, int length, int verbose) {
        int op = m.op();
        b.append("BOOTP/DHCP, ").append(op == BootpMessage.OP_REQUEST ? "Request" : op == BootpMessage.OP_REPLY
                ? "Reply" : String.format(Locale.ROOT, "unknown (0x%02x)", op));
        int htype = m.hardwareType();
        int hlen = m.hardwareLength();
        boolean ethernet = htype == 1 && hlen == 6;
        if (ethernet && op == BootpMessage.OP_REQUEST) {
            AddressText.mac(b.append(" from "), m.clientHardwareAddress(6));
        }
        b.append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        m.seconds();
        if (htype != 1) {
            b.append(", htype ").append(htype);
        }
        if (!ethernet) {
            b.append(", hlen ").append(hlen);
        }
        if (m.hops() != 0) {
            b.append(", hops ").append(m.hops());
        }
        if (m.transactionId() != 0) {
            b.append(", xid 0x").append(Long.toHexString(m.transactionId()));
        }
        if (m.seconds() != 0) {
            b.append(", secs ").append(m.seconds());
        }
        int flags = m.flags();
        b.append(", Flags [").append((flags & BootpMessage.FLAG_BROADCAST) != 0 ? "Broadcast" : "none").append(']');
        if (verbose > 1) {
            b.append(" (0x");
            AddressText.hex4(b, flags);
            b.append(')');
        }
        address(b, m, 12, "Client-IP");
        address(b, m, 16, "Your-IP");
        address(b, m, 20, "Server-IP");
        address(b, m, 24, "Gateway-IP");
        if (ethernet) {
            AddressText.mac(b.append("\n\t  Client-Ethernet-Address "), m.clientHardwareAddress(6));
        }
        if (!name(b, m, d, BootpMessage.SNAME, BootpMessage.SNAME_LENGTH, "sname")
                || !name(b, m, d, BootpMessage.FILE, BootpMessage.FILE_LENGTH, "file")) {
            return;
        }
        long vendor = m.u32At(BootpMessage.VENDOR, "vendor area");
        if (vendor == BootpMessage.MAGIC_COOKIE) {
            BootpOptions.print(b, m, d, verbose);
        } else if (vendor == BootpMessage.CMU_MAGIC) {
            cmu(b, m);
        } else if (vendor != 0) {
            b.append("\n\t  Vendor-#0x").append(Long.toHexString(vendor));
        }
    }

    private static void address(StringBuilder b, BootpMessage m, int at, String name) {
        byte[] a = m.address(at, name);
        if ((a[0] | a[1] | a[2] | a[3]) != 0) {
            AddressText.ipv4(b.append("\n\t  ").append(name).append(' '), a, 0);
        }
    }

    /** sname or file when not empty; false (having said so) when the capture ends inside it. */
    private static boolean name(StringBuilder b, BootpMessage m, byte[] d, int at, int size, String label) {
        if (m.byteAt(at, label) == 0) {
            return true;
        }
        b.append("\n\t  ").append(label).append(" \"");
        int start = m.offset() + at;
        boolean whole = WireString.appendUntilNul(b, d, start, size, m.offset() + m.length());
        b.append('"');
        if (!whole) {
            b.append(" [|bootp]");
        }
        return whole;
    }

    /** The CMU vendor area (before RFC 1048): flags, then the addresses that are set. */
    private static void cmu(StringBuilder b, BootpMessage m) {
        b.append(" vend-cmu");
        int at = BootpMessage.VENDOR + 4;
        m.u32At(at, "CMU flags");
        // the flags word's first byte (VF_SMASK is its low bit)
        int flags = m.byteAt(at, "CMU flags");
        if ((flags & ~1) != 0) {
            b.append(" F:0x").append(Integer.toHexString(flags));
        }
        String[] names = {"DG", (flags & 1) != 0 ? "SM" : "SM*", "NS1", "NS2", "IEN1", "IEN2", "TS1", "TS2"};
        int[] offsets = {at + 8, at + 4, at + 12, at + 16, at + 20, at + 24, at + 28, at + 32};
        for (int i = 0; i < names.length; i++) {
            byte[] a = m.address(offsets[i], names[i]);
            if ((a[0] | a[1] | a[2] | a[3]) != 0) {
                AddressText.ipv4(b.append(' ').append(names[i]).append(':'), a, 0);
            }
        }
    }

    static String optionName(int tag) {
        return OPTIONS.getOrDefault(tag, "?Unknown");
    }

    static String messageType(int type) {
        return type < MESSAGE_TYPES.length && MESSAGE_TYPES[type] != null ? MESSAGE_TYPES[type]
                : "Unknown (" + type + ")";
    }
}
