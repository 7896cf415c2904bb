package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.LinkSettings;
import dev.netkit.system.NetInterface;
import dev.netkit.system.ResolvConf;
import dev.netkit.system.RouteEntry;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text and JSON of {@code netkit ifaces}. */
public final class InterfaceRenderer {
    private final boolean color;

    public InterfaceRenderer(boolean color) {
        this.color = color;
    }

    public void full(PrintWriter out, List<NetInterface> ifaces) {
        full(out, ifaces, Map.of());
    }

    /** The full view, with a link line (ethtool's speed, duplex, autonegotiation) for the interfaces in {@code links}. */
    public void full(PrintWriter out, List<NetInterface> ifaces, Map<String, LinkSettings> links) {
        for (NetInterface i : ifaces) {
            out.println(bold(i.index() + ": " + TerminalText.escape(i.name())) + "  " + i.state() + "  <"
                    + String.join(",", i.flags()) + ">  mtu " + i.mtu()
                    + (i.master() == null ? "" : "  master " + TerminalText.escape(i.master())));
            if (i.mac() != null) {
                out.println("    " + (i.linkType() == null ? "link" : i.linkType()) + " " + i.mac());
            }
            LinkSettings l = links.get(i.name());
            if (l != null) {
                out.println("    speed " + l.speedText() + "  duplex " + (l.duplex() == null ? "Unknown!" : l.duplex())
                        + "  autoneg " + (l.autoneg() ? "on" : "off"));
            }
            for (NetInterface.Address a : i.addresses()) {
                StringBuilder b = new StringBuilder("    ").append(a.isV6() ? "inet6 " : "inet  ").append(a.cidr());
                if (a.broadcast() != null) {
                    b.append("  brd ").append(a.broadcast());
                }
                b.append("  scope ").append(a.scope());
                for (String f : a.flags()) {
                    b.append("  ").append(f);
                }
                out.println(b);
            }
            NetInterface.Counters c = i.counters();
            out.println(String.format("    RX  %s (%d bytes)  %d packets  %d errors  %d dropped",
                    human(c.rxBytes()), c.rxBytes(), c.rxPackets(), c.rxErrors(), c.rxDropped()));
            out.println(String.format("    TX  %s (%d bytes)  %d packets  %d errors  %d dropped",
                    human(c.txBytes()), c.txBytes(), c.txPackets(), c.txErrors(), c.txDropped()));
        }
    }

    public void brief(PrintWriter out, List<NetInterface> ifaces) {
        int w = 8;
        for (NetInterface i : ifaces) {
            w = Math.max(w, TerminalText.escape(i.name()).length());
        }
        for (NetInterface i : ifaces) {
            List<String> addrs = new ArrayList<>();
            i.addresses().forEach(a -> addrs.add(a.cidr()));
            out.println(String.format("%-" + w + "s  %-8s %6d  %s", TerminalText.escape(i.name()), i.state(), i.mtu(),
                    String.join(" ", addrs)).stripTrailing());
        }
    }

    public void host(PrintWriter out, String host, ResolvConf rc, List<RouteEntry> defaults) {
        out.println("Host name ......... " + TerminalText.escape(host));
        out.println("DNS servers ....... " + (rc.nameservers().isEmpty() ? "(none)"
                : TerminalText.escape(String.join(", ", rc.nameserverTexts()))));
        out.println("Search list ....... " + (rc.search().isEmpty() ? "(none)"
                : TerminalText.escape(String.join(", ", rc.search()))));
        List<String> gws = new ArrayList<>();
        for (RouteEntry r : defaults) {
            gws.add(IpLiteral.format(r.gateway()) + " (" + r.dev() + (r.metric() != 0 ? ", metric " + r.metric() : "") + ")");
        }
        out.println("Default gateways .. " + (gws.isEmpty() ? "(none)" : String.join(", ", gws)));
        out.println();
    }

    public void rates(PrintWriter out, List<NetInterface> before, List<NetInterface> now, double secs, boolean header) {
        if (header) {
            out.println(bold(String.format("%-12s %12s %12s %10s %10s %8s %8s", "Interface", "RX/s", "TX/s",
                    "RX pkt/s", "TX pkt/s", "err/s", "drop/s")));
        }
        for (NetInterface n : now) {
            NetInterface.Counters b = counterOf(before, n);
            NetInterface.Counters c = n.counters();
            out.println(String.format(Locale.ROOT, "%-12s %12s %12s %10.1f %10.1f %8.1f %8.1f",
                    TerminalText.escape(n.name()), human(rate(c.rxBytes(), b.rxBytes(), secs)) + "/s",
                    human(rate(c.txBytes(), b.txBytes(), secs)) + "/s", rate(c.rxPackets(), b.rxPackets(), secs),
                    rate(c.txPackets(), b.txPackets(), secs),
                    rate(c.rxErrors() + c.txErrors(), b.rxErrors() + b.txErrors(), secs),
                    rate(c.rxDropped() + c.txDropped(), b.rxDropped() + b.txDropped(), secs)));
        }
    }

    public static void ratesJson(PrintWriter out, List<NetInterface> before, List<NetInterface> now, double secs) {
        JsonLines json = new JsonLines(out);
        for (NetInterface n : now) {
            NetInterface.Counters b = counterOf(before, n);
            NetInterface.Counters c = n.counters();
            json.begin("rate").field("name", n.name()).field("interval_s", round(secs))
                    .field("rx_bytes_per_s", round(rate(c.rxBytes(), b.rxBytes(), secs)))
                    .field("tx_bytes_per_s", round(rate(c.txBytes(), b.txBytes(), secs)))
                    .field("rx_packets_per_s", round(rate(c.rxPackets(), b.rxPackets(), secs)))
                    .field("tx_packets_per_s", round(rate(c.txPackets(), b.txPackets(), secs)))
                    .field("rx_errors_per_s", round(rate(c.rxErrors(), b.rxErrors(), secs)))
                    .field("tx_errors_per_s", round(rate(c.txErrors(), b.txErrors(), secs)))
                    .field("rx_dropped_per_s", round(rate(c.rxDropped(), b.rxDropped(), secs)))
                    .field("tx_dropped_per_s", round(rate(c.txDropped(), b.txDropped(), secs)))
                    .end();
        }
        json.close();
    }

    private static NetInterface.Counters counterOf(List<NetInterface> list, NetInterface n) {
        return list.stream().filter(i -> i.index() == n.index()).findFirst().map(NetInterface::counters)
                .orElse(n.counters());
    }

    /** Counters that went backwards (an interface re-created) count as zero, not negative. */
    static double rate(long now, long before, double secs) {
        return now < before || secs <= 0 ? 0 : (now - before) / secs;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    public static void json(PrintWriter out, List<NetInterface> ifaces) {
        json(out, ifaces, Map.of());
    }

    /** One object per interface; those in {@code links} with speed_mbps, duplex (when known) and autoneg. */
    public static void json(PrintWriter out, List<NetInterface> ifaces, Map<String, LinkSettings> links) {
        JsonLines json = new JsonLines(out);
        for (NetInterface i : ifaces) {
            json.begin("interface").field("index", i.index()).field("name", i.name()).field("state", i.state())
                    .stringArray("flags", i.flags()).field("mtu", i.mtu());
            json.optional("mac", i.mac());
            json.optional("link_type", i.linkType());
            json.optional("master", i.master());
            LinkSettings l = links.get(i.name());
            if (l != null) {
                json.optional("speed_mbps", l.speedMbps() < 0 ? null : l.speedMbps());
                json.optional("duplex", l.duplex());
                json.field("autoneg", l.autoneg());
            }
            json.stringArray("addresses", i.addresses().stream().map(NetInterface.Address::cidr).toList());
            json.objectArray("address_details", i.addresses(), (g, a) -> {
                g.writeStringField("family", a.family());
                g.writeStringField("address", a.address());
                g.writeNumberField("prefix", a.prefixLength());
                if (a.broadcast() != null) {
                    g.writeStringField("broadcast", a.broadcast());
                }
                g.writeStringField("scope", a.scope());
                g.writeArrayFieldStart("flags");
                for (String f : a.flags()) {
                    g.writeString(f);
                }
                g.writeEndArray();
            });
            NetInterface.Counters c = i.counters();
            json.field("rx_bytes", c.rxBytes()).field("tx_bytes", c.txBytes())
                    .field("rx_packets", c.rxPackets()).field("tx_packets", c.txPackets())
                    .field("rx_errors", c.rxErrors()).field("tx_errors", c.txErrors())
                    .field("rx_dropped", c.rxDropped()).field("tx_dropped", c.txDropped()).end();
        }
        json.close();
    }

    public static void hostJson(PrintWriter out, String host, ResolvConf rc, List<RouteEntry> defaults) {
        JsonLines json = new JsonLines(out);
        json.begin("host").field("hostname", host).stringArray("dns_servers", rc.nameserverTexts())
                .stringArray("search", rc.search());
        json.objectArray("default_gateways", defaults, (g, r) -> {
            g.writeStringField("gateway", IpLiteral.format(r.gateway()));
            if (r.dev() != null) {
                g.writeStringField("dev", r.dev());
            }
            g.writeNumberField("metric", r.metric());
        });
        json.end();
        json.close();
    }

    /** Bytes in IEC units: 0 B, 1023 B, 1.5 KiB, 12.3 MiB. */
    static String human(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }
}
