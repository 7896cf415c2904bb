package dev.netkit.cli.render;

import dev.netkit.address.Cidr;
import dev.netkit.subnet.CidrMerger;
import dev.netkit.address.IpAddress;
import dev.netkit.subnet.SubnetInfo;
import dev.netkit.subnet.Vlsm;

import java.io.PrintWriter;
import java.util.List;

/** Prints {@code netkit subnet} results: ipcalc-style text with a binary network|host view, or NDJSON. */
public final class SubnetRenderer {
    /** An address as typed by the user's choice: RFC 5952's short form, or every group in full (--expand). */
    public static String format(IpAddress a, boolean expand) {
        return expand ? a.expanded() : a.toString();
    }

    public static String format(Cidr c, boolean expand) {
        return format(c.address(), expand) + "/" + c.prefix();
    }

    private SubnetRenderer() {
    }

    /** The info view, laid out like ipcalc; IPv6 binary rows go below the fields (they are 135 columns wide). */
    public static void text(SubnetInfo i, boolean expand, PrintWriter out) {
        boolean v4 = i.address().version() == 4;
        int p = i.cidr().prefix();
        StringBuilder b = new StringBuilder(1024);
        if (v4) {
            row(b, "Address:", fmt(i.address(), expand), binary(i.address(), p));
            row(b, "Netmask:", i.netmask() + " = " + p, binary(i.netmask(), p));
            row(b, "Wildcard:", i.wildcard().toString(), binary(i.wildcard(), p));
            b.append("=>\n");
            row(b, "Network:", i.network() + "/" + p, binary(i.network(), p));
            row(b, "HostMin:", i.firstHost().toString(), binary(i.firstHost(), p));
            row(b, "HostMax:", i.lastHost().toString(), binary(i.lastHost(), p));
            if (i.broadcast() != null) {
                row(b, "Broadcast:", i.broadcast().toString(), binary(i.broadcast(), p));
            }
            String note = "Class " + i.historicalClass()
                    + (p == 31 ? ", point-to-point link (RFC 3021)" : p == 32 ? ", host route" : "");
            row(b, "Hosts/Net:", i.usableHosts().toString(), note);
        } else {
            row(b, "Address:", fmt(i.address(), expand), null);
            row(b, "Netmask:", fmt(i.netmask(), expand) + " = " + p, null);
            row(b, "Wildcard:", fmt(i.wildcard(), expand), null);
            b.append("=>\n");
            row(b, "Network:", fmt(i.network(), expand) + "/" + p, null);
            row(b, "HostMin:", fmt(i.firstHost(), expand), null);
            row(b, "HostMax:", fmt(i.lastHost(), expand), null);
            row(b, "Hosts/Net:", i.usableHosts().toString(), null);
        }
        row(b, "Addresses:", i.totalAddresses().toString(), null);
        row(b, "Type:", i.type().toString(), null);
        if (i.embeddedV4() != null) {
            row(b, "IPv4 inside:", i.embeddedV4().toString(), null);
        }
        if (i.multicastMac() != null) {
            row(b, "Multicast MAC:", i.multicastMac(), null);
        }
        row(b, "Integer:", i.address().toBigInteger().toString(), null);
        row(b, "Hex:", i.address().hex(), null);
        row(b, "Reverse zone:", i.reverseZone(), null);
        if (!v4) {
            b.append("Binary (network|host):\n");
            row(b, "  Address", binary(i.address(), p), null);
            row(b, "  Netmask", binary(i.netmask(), p), null);
            row(b, "  Network", binary(i.network(), p), null);
            row(b, "  HostMax", binary(i.lastHost(), p), null);
        }
        out.print(b);
    }

    private static void row(StringBuilder b, String label, String value, String extra) {
        int start = b.length();
        b.append(label);
        pad(b, start + 15);
        b.append(value);
        if (extra != null) {
            pad(b, start + 15 + 21);
            b.append(extra);
        }
        b.append('\n');
    }

    private static void pad(StringBuilder b, int column) {
        do {
            b.append(' ');
        } while (b.length() < column);
    }

    /**
     * The address in binary, octets separated by '.' (IPv4) or 16-bit groups by ':' (IPv6), with '|'
     * between the network and host bits.
     */
    static String binary(IpAddress a, int prefix) {
        int bits = a.bits();
        int group = a.version() == 4 ? 8 : 16;
        char sep = a.version() == 4 ? '.' : ':';
        StringBuilder b = new StringBuilder(bits + bits / group + 1);
        for (int i = 0; i < bits; i++) {
            if (i == prefix) {
                b.append('|');
            } else if (i > 0 && i % group == 0) {
                b.append(sep);
            }
            b.append(a.bit(i) ? '1' : '0');
        }
        if (prefix == bits) {
            b.append('|');
        }
        return b.toString();
    }

    private static String fmt(IpAddress a, boolean expand) {
        return format(a, expand);
    }

    /** The info view as one object; the keys are those listed in docs/subnet.md. */
    public static void json(SubnetInfo i, boolean expand, JsonLines json) {
        json.begin(i.type().name())
                .field("address", fmt(i.address(), expand))
                .field("network", fmt(i.network(), expand))
                .field("netmask", fmt(i.netmask(), expand))
                .field("wildcard", fmt(i.wildcard(), expand))
                .optional("broadcast", i.broadcast() == null ? null : i.broadcast().toString())
                .field("prefix_length", i.cidr().prefix())
                .field("first_host", fmt(i.firstHost(), expand))
                .field("last_host", fmt(i.lastHost(), expand))
                .field("usable_hosts", i.usableHosts())
                .field("total_addresses", i.totalAddresses())
                .field("reverse_zone", i.reverseZone())
                .end();
    }

    /** One prefix of split, merge or range output. */
    public static void subnetJson(JsonLines json, Cidr c, boolean expand) {
        SubnetInfo i = SubnetInfo.of(c);
        json.begin("subnet")
                .field("cidr", format(c.normalized(), expand))
                .field("network", fmt(i.network(), expand))
                .field("prefix_length", c.prefix())
                .field("first_host", fmt(i.firstHost(), expand))
                .field("last_host", fmt(i.lastHost(), expand))
                .field("usable_hosts", i.usableHosts())
                .field("total_addresses", i.totalAddresses())
                .end();
    }

    public static void allocationJson(JsonLines json, Vlsm.Allocation a, boolean expand) {
        SubnetInfo i = SubnetInfo.of(a.subnet());
        json.begin("allocation")
                .field("hosts", a.hostsWanted())
                .field("cidr", format(a.subnet(), expand))
                .field("netmask", fmt(i.netmask(), expand))
                .field("first_host", fmt(i.firstHost(), expand))
                .field("last_host", fmt(i.lastHost(), expand))
                .optional("broadcast", i.broadcast() == null ? null : i.broadcast().toString())
                .field("usable_hosts", i.usableHosts())
                .end();
    }

    /** The VLSM plan as a table, largest request first. */
    public static void vlsmTable(List<Vlsm.Allocation> plan, boolean expand, PrintWriter out) {
        String[] head = {"Hosts", "Subnet", "Netmask", "HostMin", "HostMax", "Broadcast", "Usable"};
        String[][] rows = new String[plan.size()][];
        for (int r = 0; r < plan.size(); r++) {
            Vlsm.Allocation a = plan.get(r);
            SubnetInfo i = SubnetInfo.of(a.subnet());
            rows[r] = new String[] {Long.toString(a.hostsWanted()), format(a.subnet(), expand),
                    i.address().version() == 4 ? i.netmask().toString() : "/" + a.subnet().prefix(),
                    fmt(i.firstHost(), expand), fmt(i.lastHost(), expand),
                    i.broadcast() == null ? "-" : i.broadcast().toString(), i.usableHosts().toString()};
        }
        int[] width = new int[head.length];
        for (int c = 0; c < head.length; c++) {
            width[c] = head[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        out.println(line(head, width));
        for (String[] row : rows) {
            out.println(line(row, width));
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            b.append(cells[c]);
            if (c < cells.length - 1) {
                b.append(" ".repeat(width[c] - cells[c].length() + 2));
            }
        }
        return b.toString();
    }

    /** One CIDR per line; IPv4 is formatted straight into a char buffer (merge prints up to millions). */
    public static void cidrLines(CidrMerger.Result r, boolean expand, PrintWriter out) {
        char[] buf = new char[1 << 16];
        int n = 0;
        long[] v4 = r.v4();
        for (int k = 0; k < r.v4Count(); k++) {
            if (n > buf.length - 24) {
                out.write(buf, 0, n);
                n = 0;
            }
            long start = v4[k] >>> 6;
            for (int shift = 24; shift >= 0; shift -= 8) {
                n = decimal(buf, n, (int) ((start >>> shift) & 0xff));
                buf[n++] = shift == 0 ? '/' : '.';
            }
            n = decimal(buf, n, (int) (v4[k] & 63));
            buf[n++] = '\n';
        }
        out.write(buf, 0, n);
        for (Cidr c : r.v6()) {
            out.println(format(c, expand));
        }
    }

    private static int decimal(char[] buf, int n, int v) {
        if (v >= 100) {
            buf[n++] = (char) ('0' + v / 100);
        }
        if (v >= 10) {
            buf[n++] = (char) ('0' + v / 10 % 10);
        }
        buf[n++] = (char) ('0' + v % 10);
        return n;
    }

    /** The 64-bit interface identifier as four hex groups: 20c:29ff:fe04:234c. */
    public static String interfaceId(long id) {
        return Long.toHexString(id >>> 48) + ":" + Long.toHexString((id >>> 32) & 0xffff) + ":"
                + Long.toHexString((id >>> 16) & 0xffff) + ":" + Long.toHexString(id & 0xffff);
    }
}
