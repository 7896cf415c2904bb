package dev.netkit.sniff.print;

import dev.netkit.packet.Dhcpv6Message;
import dev.netkit.packet.MalformedPacketException;

import java.util.Locale;
import java.util.Map;

/**
 * tcpdump's DHCPv6 text (print-dhcp6.c): {@code dhcp6 solicit} without -v; with it the transaction id (or a
 * relay's link and peer address) and every option in parentheses, options inside options (IA_NA, relay-message)
 * nested. An option the capture or the message cuts is not printed: the text says {@code [|dhcp6]} there; an
 * option whose length does not fit its kind prints {@code ?}.
 */
final class Dhcp6Text {
    private static final String[] MESSAGES = {null, "solicit", "advertise", "request", "confirm", "renew", "rebind",
            "reply", "release", "decline", "reconfigure", "inf-req", "relay-fwd", "relay-reply", "leasequery",
            "leasequery-reply"};
    /** tcpdump's option names (RFC 8415 and the RFCs that add options). */
    private static final Map<Integer, String> OPTIONS;
    private static final String[] STATUS = {"Success", "UnspecFail", "NoAddrsAvail", "NoBinding", "NotOnLink",
            "UseMulticast", "NoPrefixAvail", "UnknownQueryType", "MalformedQuery", "NotConfigured", "NotAllowed"};

    static {
        String table = "1:client-ID|2:server-ID|3:IA_NA|4:IA_TA|5:IA_ADDR|6:option-request|7:preference|"
                + "8:elapsed-time|9:relay-message|11:authentication|12:server-unicast|13:status-code|"
                + "14:rapid-commit|15:user-class|16:vendor-class|17:vendor-specific-info|18:interface-ID|"
                + "19:reconfigure-message|20:reconfigure-accept|21:SIP-servers-domain|22:SIP-servers-address|"
                + "23:DNS-server|24:DNS-search-list|25:IA_PD|26:IA_PD-prefix|27:NIS-server|28:NIS+-server|"
                + "29:NIS-domain-name|30:NIS+-domain-name|31:SNTP-servers|32:lifetime|33:BCMCS-domain-name|"
                + "34:BCMCS-server|36:Geoconf-Civic|37:Remote-ID|38:Subscriber-ID|39:Client-FQDN|40:PANA-agent|"
                + "41:POSIX-timezone|42:POSIX-tz-database|43:Echo-request-option|44:Lease-query|45:LQ-client-data|"
                + "46:Clt-time|47:LQ-relay-data|48:LQ-client-link|56:NTP-server|59:Bootfile-URL|64:AFTR-Name|"
                + "112:MUD-URL|136:SZTP-redirect";
        OPTIONS = TokenTable.parse(table);
    }

    private Dhcp6Text() {
    }

    /** The message at {@code [off, end)}; {@code length} is the UDP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        int stop = Math.min(Math.min(end, d.length), off + Math.max(0, length));
        Dhcpv6Message m = new Dhcpv6Message(d, Math.min(off, d.length), Math.max(0, stop - off));
        try {
            message(b, m, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|dhcp6]");
        }
    }

    private static void message(StringBuilder b, Dhcpv6Message m, int verbose) {
        b.append("dhcp6");
        if (m.length() < Dhcpv6Message.HEADER) {
            b.append(" [|dhcp6]");
            return;
        }
        int type = m.messageType();
        String name = type < MESSAGES.length && MESSAGES[type] != null ? MESSAGES[type] : "msgtype-" + type;
        b.append(' ').append(name);
        if (verbose == 0) {
            return;
        }
        b.append(" (");
        if (m.isRelay()) {
            byte[] link = m.address(Dhcpv6Message.LINK_ADDRESS);
            byte[] peer = m.address(Dhcpv6Message.PEER_ADDRESS);
            AddressText.ipv6(b.append("linkaddr="), link, 0);
            AddressText.ipv6(b.append(" peeraddr="), peer, 0);
        } else {
            b.append("xid=").append(Long.toHexString(m.transactionId()));
        }
        options(b, m, m.optionsStart(), m.length(), verbose);
        b.append(')');
    }

    /** The options in {@code [at, end)}, each as " (name ...)"; stops with [|dhcp6] at one that does not fit. */
    private static void options(StringBuilder b, Dhcpv6Message m, int at, int end, int verbose) {
        while (at < end) {
            Dhcpv6Message.Option o = m.optionAt(at, end);
            if (o == null) {
                b.append(" [|dhcp6]");
                return;
            }
            b.append(" (").append(OPTIONS.getOrDefault(o.code(), "opt_" + o.code()));
            if (!option(b, m, o, verbose)) {
                b.append(" [|dhcp6]");
                return;
            }
            at = o.end();
        }
    }

    /** One option's data and its closing parenthesis; false where a name inside it ran past the capture. */
    private static boolean option(StringBuilder b, Dhcpv6Message m, Dhcpv6Message.Option o, int verbose) {
        int p = o.data();
        int n = o.length();
        switch (o.code()) {
            case 1, 2 -> duid(b, m, p, n);
            case 5 -> {
                if (n < 24) {
                    return invalid(b);
                }
                AddressText.ipv6(b.append(' '), m.address(p), 0);
                b.append(" pltime:").append(m.u32At(p + 16)).append(" vltime:").append(m.u32At(p + 20));
                options(b, m, p + 24, o.end(), verbose);
            }
            case 6, 43 -> {
                if (n % 2 != 0) {
                    return invalid(b);
                }
                for (int i = 0; i < n; i += 2) {
                    int code = m.u16At(p + i);
                    b.append(' ').append(OPTIONS.getOrDefault(code, "opt_" + code));
                }
            }
            case 7 -> {
                if (n != 1) {
                    return invalid(b);
                }
                b.append(' ').append(m.u8At(p));
            }
            case 8 -> {
                if (n != 2) {
                    return invalid(b);
                }
                b.append(' ').append(m.u16At(p));
            }
            case 9 -> {
                b.append(" (");
                message(b, new Dhcpv6Message(m.buffer(), m.offset() + p, n), verbose);
                b.append(')');
                return true; // tcpdump closes the message, not the option
            }
            case 11 -> {
                if (n < 11) {
                    return invalid(b);
                }
                authentication(b, m, p, n);
            }
            case 18, 38 -> hex(b.append(' '), m, p, Math.min(n, 10)).append("...");
            case 19 -> {
                if (n != 1) {
                    return invalid(b);
                }
                int t = m.u8At(p);
                b.append(t == 5 ? " for renew" : t == 11 ? " for inf-req"
                        : String.format(Locale.ROOT, " for ???(%02x)", t));
            }
            case 22, 23, 31, 27, 28, 34, 40, 48 -> {
                if (n % 16 != 0) {
                    return invalid(b);
                }
                for (int i = 0; i < n; i += 16) {
                    AddressText.ipv6(b.append(' '), m.address(p + i), 0);
                }
            }
            case 21, 24 -> {
                for (int at = p; at < o.end(); ) {
                    b.append(' ');
                    at = name(b, m, at, o.end());
                    if (at < 0) {
                        return false;
                    }
                }
            }
            case 13 -> {
                if (n < 2) {
                    return invalid(b);
                }
                int code = m.u16At(p);
                b.append(' ').append(code > 255 ? "INVALID code" : code < STATUS.length ? STATUS[code] : "code" + code);
            }
            case 3, 25 -> {
                if (n < 12) {
                    return invalid(b);
                }
                b.append(" IAID:").append(m.u32At(p)).append(" T1:").append(m.u32At(p + 4)).append(" T2:")
                        .append(m.u32At(p + 8));
                options(b, m, p + 12, o.end(), verbose);
            }
            case 4 -> {
                if (n < 4) {
                    return invalid(b);
                }
                b.append(" IAID:").append(m.u32At(p));
                options(b, m, p + 4, o.end(), verbose);
            }
            case 26 -> {
                if (n < 25) {
                    return invalid(b);
                }
                AddressText.ipv6(b.append(' '), m.address(p + 9), 0).append('/').append(m.u8At(p + 8));
                b.append(" pltime:").append(m.u32At(p)).append(" vltime:").append(m.u32At(p + 4));
                options(b, m, p + 25, o.end(), verbose);
            }
            case 32, 46 -> {
                if (n != 4) {
                    return invalid(b);
                }
                b.append(' ').append(m.u32At(p));
            }
            case 37 -> {
                if (n < 4) {
                    return invalid(b);
                }
                hex(b.append(' ').append(m.u32At(p)).append(' '), m, p + 4, Math.min(n, 14) - 4).append("...");
            }
            case 44 -> {
                if (n < 17) {
                    return invalid(b);
                }
                int q = m.u8At(p);
                b.append(q == 1 ? " by-address" : q == 2 ? " by-clientID" : " type_" + q);
                AddressText.ipv6(b.append(' '), m.address(p + 1), 0);
                options(b, m, p + 17, o.end(), verbose);
            }
            case 45 -> options(b, m, p, o.end(), verbose);
            case 47 -> {
                if (n < 16) {
                    return invalid(b);
                }
                AddressText.ipv6(b.append(' '), m.address(p), 0).append(' ');
                hex(b, m, p + 16, Math.min(n, 26) - 16).append("...");
            }
            case 56 -> {
                if (n < 4) {
                    return invalid(b);
                }
                return ntpServer(b, m, p, o.end()) && close(b);
            }
            case 64 -> {
                if (n < 3) {
                    return invalid(b);
                }
                aftrName(b.append(' '), m, p, n);
            }
            case 41, 42, 112 -> {
                if (n < 5) {
                    return invalid(b);
                }
                WireString.appendUntilNul(b.append(' '), m.buffer(), m.offset() + p, n, m.offset() + o.end());
            }
            case 59 -> WireString.append(b.append(' '), m.buffer(), m.offset() + p, n, m.offset() + o.end());
            case 15, 136 -> stringList(b.append(' '), m, p, n);
            default -> {
            }
        }
        return close(b);
    }

    private static boolean close(StringBuilder b) {
        b.append(')');
        return true;
    }

    private static boolean invalid(StringBuilder b) {
        b.append(" ?)");
        return true;
    }

    /** A DUID (RFC 8415 section 11, RFC 6355's UUID): its type's fields, then the rest in hex. */
    private static void duid(StringBuilder b, Dhcpv6Message m, int p, int n) {
        if (n < 2) {
            b.append(" ?");
            return;
        }
        int type = m.u16At(p);
        switch (type) {
            case 1 -> {
                if (n < 8) {
                    b.append(" ?");
                    return;
                }
                b.append(" hwaddr/time type ").append(m.u16At(p + 2)).append(" time ").append(m.u32At(p + 4))
                        .append(' ');
                hex(b, m, p + 8, n - 8);
            }
            case 2 -> {
                if (n < 6) {
                    b.append(" ?");
                    return;
                }
                hex(b.append(" enterprise ").append(m.u32At(p + 2)).append(' '), m, p + 6, n - 6);
            }
            case 3 -> {
                if (n < 4) {
                    b.append(" ?");
                    return;
                }
                hex(b.append(" hwaddr type ").append(m.u16At(p + 2)).append(' '), m, p + 4, n - 4);
            }
            case 4 -> {
                b.append(" uuid ");
                if (n == 18) {
                    hex(b, m, p + 2, 16);
                } else {
                    b.append(" ?");
                }
            }
            default -> b.append(" type ").append(type);
        }
    }

    /** RFC 8415 section 21.11: protocol, algorithm, replay detection, then the protocol's own fields. */
    private static void authentication(StringBuilder b, Dhcpv6Message m, int p, int n) {
        int proto = m.u8At(p);
        int alg = m.u8At(p + 1);
        int rdm = m.u8At(p + 2);
        b.append(proto == 2 ? " proto: delayed" : proto == 3 ? " proto: reconfigure" : " proto: " + proto);
        b.append(alg == 1 ? ", alg: HMAC-MD5" : ", alg: " + alg);
        b.append(rdm == 0 ? ", RDM: mono" : ", RDM: " + rdm).append(", RD:");
        for (int i = 0; i < 4; i++) {
            b.append(' ');
            AddressText.hex4(b, m.u16At(p + 3 + 2 * i));
        }
        p += 11;
        int info = n - 11;
        if (proto == 2) {
            if (info == 0) {
                return;
            }
            if (info < 20) {
                b.append(" ??");
                return;
            }
            if (info > 20) {
                hex(b.append(", realm: "), m, p, info - 20);
            }
            p += info - 20;
            b.append(", key ID: ").append(hex8(m.u32At(p))).append(", HMAC-MD5:");
            words(b, m, p + 4);
        } else if (proto == 3 && info == 17) {
            int t = m.u8At(p);
            b.append(t == 1 ? " reconfig-key" : t == 2 ? " type: HMAC-MD5" : " type: ??").append(" value:");
            words(b, m, p + 1);
        } else {
            b.append(" ??");
        }
    }

    private static void words(StringBuilder b, Dhcpv6Message m, int p) {
        for (int i = 0; i < 4; i++) {
            b.append(' ').append(hex8(m.u32At(p + 4 * i)));
        }
    }

    private static String hex8(long v) {
        return String.format(Locale.ROOT, "%08x", v);
    }

    /** RFC 5908's NTP server suboptions: addresses and a name; false where the name ran past the capture. */
    private static boolean ntpServer(StringBuilder b, Dhcpv6Message m, int p, int end) {
        while (p < end - 4) {
            int code = m.u16At(p);
            int len = m.u16At(p + 2);
            p += 4;
            if (p + len > end) {
                return false;
            }
            b.append(" subopt:").append(code);
            switch (code) {
                case 1, 2 -> {
                    if (len == 16) {
                        AddressText.ipv6(b.append(' '), m.address(p), 0);
                    } else {
                        b.append(" ?");
                    }
                }
                case 3 -> {
                    b.append(' ');
                    if (DomainNameText.print(b, m.buffer(), m.offset() + p, m.offset() + p + len,
                            m.offset() + m.length()) < 0) {
                        return false;
                    }
                }
                default -> b.append(" ?");
            }
            p += len;
        }
        return true;
    }

    /** RFC 6334's AFTR name: labels joined by dots, no final dot; a label longer than the rest says " ?". */
    private static void aftrName(StringBuilder b, Dhcpv6Message m, int p, int n) {
        int remain = n;
        while (remain > 0 && m.u8At(p) != 0) {
            int label = m.u8At(p);
            p++;
            if (label >= remain - 1) {
                b.append(" ?");
                return;
            }
            WireString.appendUntilNul(b, m.buffer(), m.offset() + p, label, m.offset() + m.length());
            p += label;
            remain -= label + 1;
            if (m.u8At(p) != 0) {
                b.append('.');
            }
        }
    }

    /** RFC 8415's user class and RFC 8572's SZTP redirect: 16-bit-length strings joined by commas. */
    private static void stringList(StringBuilder b, Dhcpv6Message m, int p, int n) {
        int remain = n;
        boolean first = true;
        while (remain >= 2) {
            if (!first) {
                b.append(',');
            }
            first = false;
            int len = m.u16At(p);
            if (len > remain - 2) {
                break;
            }
            WireString.append(b, m.buffer(), m.offset() + p + 2, len, m.offset() + m.length());
            p += 2 + len;
            remain -= len + 2;
        }
        if (remain != 0) {
            b.append(" ?");
        }
    }

    /** A domain name in a DHCPv6 option (fqdn_print, its base the option's end as tcpdump passes it). */
    private static int name(StringBuilder b, Dhcpv6Message m, int at, int end) {
        int next = DomainNameText.print(b, m.buffer(), m.offset() + at, m.offset() + end, m.offset() + m.length());
        return next < 0 ? -1 : next - m.offset();
    }

    static StringBuilder hex(StringBuilder b, Dhcpv6Message m, int p, int n) {
        for (int i = 0; i < n; i++) {
            AddressText.hex2(b, m.u8At(p + i));
        }
        return b;
    }
}
