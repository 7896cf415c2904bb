package dev.netkit.sniff.print;

import dev.netkit.packet.MulticastTimerCode;

/**
 * tcpdump 4.99's text for IGMP (print-igmp.c) and MLD (the multicast listener part of print-icmp6.c) at
 * -v levels 0, 1 and 2. Like tcpdump it reads the captured bytes against the length the IP header declares:
 * where a field was not captured the text ends with {@code [|igmp]} / {@code [|icmp6]}; where the declared
 * counts do not fit the declared length it says so ({@code [invalid number of sources]}) and stops.
 */
final class MulticastText {
    private MulticastText() {
    }

    /** Thrown by {@link Bytes} when a field lies beyond the captured bytes: the text ends as tcpdump's. */
    private static final class Cut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cut() {
            super(null, null, false, false);
        }
    }

    /** The captured bytes of one message: {@code [start, end)} of {@code d}. */
    private record Bytes(byte[] d, int start, int end) {
        int u8(int i) {
            need(i, 1);
            return d[start + i] & 0xff;
        }

        int u16(int i) {
            need(i, 2);
            return ((d[start + i] & 0xff) << 8) | (d[start + i + 1] & 0xff);
        }

        long u32(int i) {
            need(i, 4);
            return ((long) u16(i) << 16) | u16(i + 2);
        }

        String ipv4(int i) {
            need(i, 4);
            return AddressText.ipv4(new StringBuilder(15), d, start + i).toString();
        }

        String ipv6(int i) {
            need(i, 16);
            return AddressText.ipv6(new StringBuilder(39), d, start + i).toString();
        }

        void need(long i, int n) {
            if (i < 0 || start + i + n > end) {
                throw new Cut();
            }
        }

        boolean has(long i, int n) {
            return i >= 0 && start + i + n <= end;
        }
    }

    // ---- IGMP ----

    /**
     * Appends IGMP's text for the message at {@code start} of {@code d} with {@code end} the end of the captured
     * bytes and {@code length} the length the IP header gives it.
     */
    static void igmp(StringBuilder b, byte[] d, int start, int end, int length, int verbose) {
        Bytes m = new Bytes(d, start, Math.max(start, Math.min(end, d.length)));
        try {
            igmpMessage(b, m, length, verbose);
        } catch (Cut c) {
            b.append(" [|igmp]");
            return;
        }
        if (verbose > 0 && length >= 4 && m.has(0, length)) {
            if (dev.netkit.packet.Checksum.finish(dev.netkit.packet.Checksum.sum(d, start, length)) != 0) {
                b.append(" bad igmp cksum ").append(Integer.toHexString(m.u16(2))).append('!');
            }
        }
    }

    private static void igmpMessage(StringBuilder b, Bytes m, int len, int verbose) {
        int type = m.u8(0);
        switch (type) {
            case 0x11 -> {
                b.append("igmp query");
                if (len >= 12) {
                    igmpV3Query(b, m, len, verbose);
                    return;
                }
                int mrt = m.u8(1);
                if (mrt != 0) {
                    b.append(" v2");
                    if (mrt != 100) {
                        b.append(" [max resp time ").append(mrt).append(']');
                    }
                } else {
                    b.append(" v1");
                }
                if (m.u32(4) != 0) {
                    String group = m.ipv4(4);
                    b.append(" [gaddr ").append(group).append(']');
                }
                if (len != 8) {
                    b.append(" [len ").append(len).append(']');
                }
            }
            case 0x12 -> {
                String group = m.ipv4(4);
                b.append("igmp v1 report ").append(group);
                if (len != 8) {
                    b.append(" [len ").append(len).append(']');
                }
            }
            case 0x16 -> {
                String group = m.ipv4(4);
                b.append("igmp v2 report ").append(group);
            }
            case 0x22 -> {
                b.append("igmp v3 report");
                igmpV3Report(b, m, len, verbose);
            }
            case 0x17 -> {
                String group = m.ipv4(4);
                b.append("igmp leave ").append(group);
            }
            case 0x13 -> {
                // DVMRP's own messages are not decoded by netkit
                b.append("igmp dvmrp");
                if (len < 8) {
                    b.append(" [len ").append(len).append(']');
                }
            }
            case 0x14 -> b.append("igmp pimv1"); // PIMv1 is not decoded by netkit
            case 0x1e -> mtrace(b, "mresp", m, len);
            case 0x1f -> mtrace(b, "mtrace", m, len);
            default -> b.append("igmp-").append(type);
        }
    }

    private static void mtrace(StringBuilder b, String name, Bytes m, int len) {
        if (len < 8 + 16) {
            b.append(" [invalid len ").append(len).append(']');
            return;
        }
        long qid = ((long) m.u8(21) << 16) | m.u16(22);
        String src = m.ipv4(8);
        String dst = m.ipv4(12);
        String replyTo = m.ipv4(16);
        b.append(name).append(' ').append(qid).append(": ").append(src).append(" to ").append(dst)
                .append(" reply-to ").append(replyTo);
        if ((m.u8(16) & 0xf0) == 0xe0) {
            b.append(" with-ttl ").append(m.u8(20));
        }
    }

    private static void igmpV3Query(StringBuilder b, Bytes m, int len, int verbose) {
        b.append(" v3");
        if (len < 12 || (len & 3) != 0) {
            b.append(" [invalid len ").append(len).append(']');
            return;
        }
        int mrc = m.u8(1);
        int mrt = MulticastTimerCode.decode8(mrc);
        if (mrc != 100) {
            b.append(" [max resp time ");
            if (mrt < 600) {
                b.append(mrt / 10).append('.').append(mrt % 10).append('s');
            } else {
                relativeTime(b, mrt / 10);
            }
            b.append(']');
        }
        if (m.u32(4) == 0) {
            return;
        }
        String group = m.ipv4(4);
        b.append(" [gaddr ").append(group);
        int sources = m.u16(10);
        if (sources > 0) {
            if (len < 12 + 4L * sources) {
                b.append(" [invalid number of sources]");
            } else if (verbose > 1) {
                b.append(" {");
                for (int i = 0; i < sources; i++) {
                    String source = m.ipv4(12 + 4 * i);
                    b.append(' ').append(source);
                }
                b.append(" }");
            } else {
                b.append(", ").append(sources).append(" source(s)");
            }
        }
        b.append(']');
    }

    private static void igmpV3Report(StringBuilder b, Bytes m, int len, int verbose) {
        if (len < 16 || (len & 3) != 0) {
            b.append(" [invalid len ").append(len).append(']');
            return;
        }
        groupRecords(b, m, len, verbose, 4, " [v3-report-#");
    }

    /**
     * The group records of an IGMPv3 or MLDv2 report (RFC 3376 4.2, RFC 3810 5.2), as tcpdump prints them: the
     * count, and at -v each group with its record type and source count, at -vv its sources.
     */
    private static void groupRecords(StringBuilder b, Bytes m, int len, int verbose, int addressLength,
            String unknownType) {
        int groups = m.u16(6);
        b.append(", ").append(groups).append(" group record(s)");
        if (verbose == 0) {
            return;
        }
        int header = 4 + addressLength;
        long at = 8;
        for (int i = 0; i < groups; i++) {
            if (len < at + header) {
                b.append(" [invalid number of groups]");
                return;
            }
            String group = address(m, (int) at + 4, addressLength); // read before printing: a cut ends here
            b.append(" [gaddr ").append(group);
            recordType(b, m.u8((int) at), unknownType);
            int sources = m.u16((int) at + 2);
            if (len < at + header + (long) addressLength * sources) {
                b.append(" [invalid number of sources ").append(sources).append(']');
                return;
            }
            if (verbose == 1) {
                b.append(", ").append(sources).append(" source(s)");
            } else {
                b.append(" {");
                for (int j = 0; j < sources; j++) {
                    String source = address(m, (int) at + header + addressLength * j, addressLength);
                    b.append(' ').append(source);
                }
                b.append(" }");
            }
            at += header + (long) addressLength * sources;
            b.append(']');
        }
    }

    private static String address(Bytes m, int at, int length) {
        return length == 4 ? m.ipv4(at) : m.ipv6(at);
    }

    /** RFC 3376/3810 group record types as tcpdump names them; others as tcpdump's "unknown" text. */
    private static void recordType(StringBuilder b, int type, String unknown) {
        b.append(' ');
        switch (type) {
            case 1 -> b.append("is_in");
            case 2 -> b.append("is_ex");
            case 3 -> b.append("to_in");
            case 4 -> b.append("to_ex");
            case 5 -> b.append("allow");
            case 6 -> b.append("block");
            default -> b.append(unknown).append(type).append(']');
        }
    }

    /** tcpdump's unsigned_relts_print: 3174 seconds are "52m54s". */
    static void relativeTime(StringBuilder b, long secs) {
        if (secs == 0) {
            b.append("0s");
            return;
        }
        String[] units = {"y", "w", "d", "h", "m", "s"};
        long[] seconds = {31_536_000, 604_800, 86_400, 3_600, 60, 1};
        for (int i = 0; i < units.length; i++) {
            if (secs >= seconds[i]) {
                b.append(secs / seconds[i]).append(units[i]);
                secs %= seconds[i];
            }
        }
    }

    // ---- MLD ----

    /** True for the ICMPv6 types this class prints: MLD query, report, done, and the MLDv2 report. */
    static boolean isMld(int type) {
        return type == 130 || type == 131 || type == 132 || type == 143;
    }

    /**
     * Appends what tcpdump prints after the type name of an MLD message; returns false when the capture ended
     * inside it (the text then ends with {@code [|icmp6]} and tcpdump prints no length after it).
     */
    static boolean mld(StringBuilder b, byte[] d, int start, int end, int length, int verbose) {
        Bytes m = new Bytes(d, start, Math.max(start, Math.min(end, d.length)));
        try {
            int type = m.u8(0);
            switch (type) {
                case 130 -> {
                    if (length == 24) {
                        mldV1(b, m);
                    } else if (length >= 28) {
                        b.append(" v2");
                        mldV2Query(b, m, length, verbose);
                    } else {
                        b.append(" unknown-version (len ").append(length).append(") ");
                    }
                }
                case 131, 132 -> mldV1(b, m);
                default -> mldV2Report(b, m, length, verbose);
            }
            return true;
        } catch (Cut c) {
            b.append(" [|icmp6]");
            return false;
        }
    }

    /** MLDv1 (RFC 2710): tcpdump prints nothing unless all 24 bytes were captured, and no space before. */
    private static void mldV1(StringBuilder b, Bytes m) {
        if (!m.has(0, 24)) {
            return;
        }
        b.append("max resp delay: ").append(m.u16(4)).append(" addr: ").append(m.ipv6(8));
    }

    private static void mldV2Query(StringBuilder b, Bytes m, int len, int verbose) {
        int mrc = m.u16(4);
        long mrt = MulticastTimerCode.decode16(mrc);
        if (verbose > 0) {
            b.append(" [max resp delay=").append(mrt).append(']');
        }
        String group = m.ipv6(8);
        b.append(" [gaddr ").append(group);
        if (verbose > 0) {
            int flags = m.u8(24);
            if ((flags & 0x08) != 0) {
                b.append(" sflag");
            }
            if ((flags & 0x07) != 0) {
                b.append(" robustness=").append(flags & 0x07);
            }
            int qqic = m.u8(25);
            int qqi = MulticastTimerCode.decode8(qqic);
            b.append(" qqi=").append(qqi);
        }
        int sources = m.u16(26);
        if (sources > 0) {
            if (len < 28 + 16L * sources) {
                b.append(" [invalid number of sources]");
            } else if (verbose > 1) {
                b.append(" {");
                for (int i = 0; i < sources; i++) {
                    String source = m.ipv6(28 + 16 * i);
                    b.append(' ').append(source);
                }
                b.append(" }");
            } else {
                b.append(", ").append(sources).append(" source(s)");
            }
        }
        b.append(']');
    }

    private static void mldV2Report(StringBuilder b, Bytes m, int len, int verbose) {
        if (len < 8) {
            b.append(" [invalid len ").append(len).append(']');
            return;
        }
        groupRecords(b, m, len, verbose, 16, " [v2-report-#");
    }
}
