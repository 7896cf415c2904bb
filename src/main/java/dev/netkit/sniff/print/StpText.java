package dev.netkit.sniff.print;

import dev.netkit.TerminalText;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.StpBpdu;

import java.util.HexFormat;
import java.util.Locale;

/**
 * tcpdump's spanning tree text (print-stp.c): 802.1D configuration and TCN BPDUs, 802.1w RSTP, 802.1s MSTP with
 * its MSTI messages and 802.1aq SPB, one line without -v, the timers, identifiers and MSTIs with it. Where the
 * capture ends inside the BPDU the text ends with {@code [|stp]}.
 */
final class StpText {
    private static final String[] ROLES = {"Unknown", "Alternate", "Root", "Designated"};

    private StpText() {
    }

    /** The BPDU at {@code [off, end)} of the frame; {@code length} is what the 802.3 length field leaves for it. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        StpBpdu s = new StpBpdu(d, off, Math.max(0, Math.min(end, d.length) - off));
        try {
            body(b, s, length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|stp]");
        }
    }

    private static void body(StringBuilder b, StpBpdu s, int length, int verbose) {
        // like tcpdump, nothing is printed until the protocol id, version and type were captured
        s.type();
        b.append("STP");
        if (s.protocolId() != 0) {
            b.append(String.format(Locale.ROOT, " unknown protocol id 0x%04x, length %d", s.protocolId(), length));
            return;
        }
        int version = s.version();
        b.append(' ').append(switch (version) {
            case StpBpdu.VERSION_STP -> "802.1d";
            case StpBpdu.VERSION_RSTP -> "802.1w";
            case StpBpdu.VERSION_MSTP -> "802.1s";
            case StpBpdu.VERSION_SPB -> "802.1aq";
            default -> "unknown version " + version;
        });
        int type = s.type();
        switch (type) {
            case StpBpdu.TYPE_CONFIG -> {
                b.append(", Config, ");
                common(b, s, length, verbose, false);
            }
            case StpBpdu.TYPE_TCN -> b.append(", Topology Change, length ").append(length);
            case StpBpdu.TYPE_RST -> {
                b.append(", Rapid STP");
                if (version >= StpBpdu.VERSION_MSTP && length < StpBpdu.MSTI_START) {
                    // an MST BPDU too short for its fixed part: a wrong length, not a cut capture
                    b.append(" (invalid)");
                } else if (version >= StpBpdu.VERSION_MSTP) {
                    mstp(b.append(", "), s, length, verbose);
                } else {
                    common(b.append(", "), s, length, verbose, true);
                }
            }
            default -> b.append(", unknown type 0x").append(HexFormat.of().toHexDigits((byte) type))
                    .append(", length ").append(length);
        }
    }

    /** A configuration or RST BPDU: flags, bridge and port, then with -v the timers and the root. */
    private static void common(StringBuilder b, StpBpdu s, int length, int verbose, boolean rstp) {
        int flags = s.flags();
        flags(b.append("Flags ["), flags).append("], bridge-id ");
        bridgeId(b, s.bridgeId());
        b.append('.').append(String.format(Locale.ROOT, "%04x", s.portId())).append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        timers(b.append("\n\t"), s);
        bridgeId(b.append("\n\troot-id "), s.rootId());
        b.append(", root-pathcost ").append(s.rootPathCost());
        if (rstp) {
            b.append(", port-role ").append(ROLES[(flags >> 2) & 3]);
        }
    }

    private static void mstp(StringBuilder b, StpBpdu s, int length, int verbose) {
        int flags = s.flags();
        flags(b.append("CIST Flags ["), flags).append("], length ").append(length);
        if (verbose == 0) {
            return;
        }
        b.append("\n\tport-role ").append(ROLES[(flags >> 2) & 3]).append(", CIST root-id ");
        bridgeId(b, s.rootId());
        b.append(", CIST ext-pathcost ").append(s.rootPathCost());
        bridgeId(b.append("\n\tCIST regional-root-id "), s.bridgeId());
        b.append(String.format(Locale.ROOT, ", CIST port-id %04x,", s.portId()));
        timers(b.append("\n\t"), s);
        int v3 = s.version3Length();
        b.append("\n\tv3len ").append(v3).append(", MCID Name ");
        name(b, s.configurationName(38));
        b.append(", rev ").append(s.configurationRevision(38)).append(",\n\t\tdigest ");
        b.append(HexFormat.of().formatHex(s.configurationDigest(38)));
        b.append(", CIST int-root-pathcost ").append(s.cistInternalRootPathCost()).append(',');
        bridgeId(b.append("\n\tCIST bridge-id "), s.cistBridgeId());
        b.append(", CIST remaining-hops ").append(s.cistRemainingHops());
        int end = 38 + v3;
        for (int at = StpBpdu.MSTI_START; at + StpBpdu.MSTI_LENGTH <= end; at += StpBpdu.MSTI_LENGTH) {
            StpBpdu.Msti m = s.msti(at);
            b.append("\n\tMSTI ").append(m.number());
            flags(b.append(", Flags ["), m.flags()).append("], port-role ").append(ROLES[(m.flags() >> 2) & 3]);
            bridgeId(b.append("\n\t\tMSTI regional-root-id "), m.regionalRootId());
            b.append(", pathcost ").append(m.internalRootPathCost());
            b.append("\n\t\tMSTI bridge-prio ").append(m.bridgePriority()).append(", port-prio ")
                    .append(m.portPriority()).append(", hops ").append(m.remainingHops());
        }
        if (s.version() >= StpBpdu.VERSION_SPB) {
            spb(b, s, end);
        }
    }

    /** SPB's version 4 part (802.1Q 14.6.2): the auxiliary MCID and the agreement data. */
    private static void spb(StringBuilder b, StpBpdu s, int at) {
        b.append("\n\tv4len ").append(s.version4Length(at)).append(", AUXMCID Name ");
        int mcid = at + 2;
        name(b, s.configurationName(mcid));
        b.append(", Rev ").append(s.configurationRevision(mcid)).append(",\n\t\tdigest ")
                .append(HexFormat.of().formatHex(s.configurationDigest(mcid)));
        int agreement = mcid + StpBpdu.MCID_LENGTH;
        int flags = s.byteAt(agreement + 1, "agreement flags");
        int format = s.byteAt(agreement + 2, "agreement digest format");
        int convention = s.byteAt(agreement + 3, "agreement digest convention");
        b.append("\n\tAgreement num ").append(flags >> 6).append(", Discarded Agreement num ")
                .append((flags >> 4) & 3).append(", Agreement valid-flag ").append((flags >> 3) & 1)
                .append(",\n\tRestricted role-flag: ").append((flags >> 2) & 1).append(", Format id ")
                .append(format >> 4).append(" cap ").append(format).append(", Convention id ")
                .append(convention >> 4).append(" cap ").append(convention).append(",\n\tEdge count ")
                .append(s.u16At(agreement + 4, "edge count")).append(", Agreement digest ")
                .append(HexFormat.of().formatHex(s.bytesAt(agreement + 14, 20, "agreement digest")));
    }

    private static void timers(StringBuilder b, StpBpdu s) {
        b.append(String.format(Locale.ROOT, "message-age %.2fs, max-age %.2fs, hello-time %.2fs, "
                + "forwarding-delay %.2fs", s.messageAge() / 256.0, s.maxAge() / 256.0, s.helloTime() / 256.0,
                s.forwardDelay() / 256.0));
    }

    /** {@code 8001.00:19:06:ea:b8:80}: the priority in hex, then the MAC address. */
    private static void bridgeId(StringBuilder b, long id) {
        b.append(String.format(Locale.ROOT, "%04x.", (id >>> 48) & 0xffff));
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) (id >>> (40 - 8 * i));
        }
        AddressText.mac(b, mac);
    }

    private static StringBuilder flags(StringBuilder b, int flags) {
        int start = b.length();
        String[] names = {"Topology change", "Proposal", null, null, "Learn", "Forward", "Agreement",
                "Topology change ACK"};
        for (int bit = 0; bit < 8; bit++) {
            if (names[bit] != null && (flags & (1 << bit)) != 0) {
                b.append(b.length() > start ? ", " : "").append(names[bit]);
            }
        }
        if (b.length() == start) {
            b.append("none");
        }
        return b;
    }

    /** A configuration name: up to its first NUL, escaped. */
    private static void name(StringBuilder b, byte[] n) {
        int len = 0;
        while (len < n.length && n[len] != 0) {
            len++;
        }
        b.append(TerminalText.escape(new String(n, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1)));
    }
}
