package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.sockets.SocketSummary;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Services;
import dev.netkit.system.SocketEntry;
import dev.netkit.system.SocketState;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The text of {@code netkit sockets}: ss's columns, netstat's layout, and the -s summary. */
public final class SocketTextRenderer {
    private final Services services;
    private final boolean numeric;
    private final boolean processes;
    private final boolean timers;
    private final boolean extended;
    private final boolean color;

    public SocketTextRenderer(Services services, boolean numeric, boolean processes, boolean timers, boolean extended, boolean color) {
        this.services = services;
        this.numeric = numeric;
        this.processes = processes;
        this.timers = timers;
        this.extended = extended;
        this.color = color;
    }

    /** ss: [Netid] State Recv-Q Send-Q Local Address:Port Peer Address:Port Process. */
    public void ss(PrintWriter out, List<SocketEntry> sockets, boolean netid, boolean state) {
        List<String[]> rows = new ArrayList<>();
        for (SocketEntry s : sockets) {
            String[] r = new String[9];
            r[0] = s.netid();
            r[1] = s.state().ssName();
            r[2] = Long.toString(s.recvQ());
            r[3] = Long.toString(s.sendQ());
            if (s.proto().equals("unix")) {
                r[4] = s.path() == null ? "*" : TerminalText.escape(s.path());
                r[5] = Long.toString(s.inode());
                r[6] = "*";
                r[7] = "-";
            } else {
                r[4] = address(s.local(), s.v6());
                r[5] = port(s.localPort(), s.proto());
                r[6] = address(s.peer(), s.v6());
                r[7] = port(s.peerPort(), s.proto());
            }
            r[8] = extra(s);
            rows.add(r);
        }
        String[] head = {"Netid", "State", "Recv-Q", "Send-Q", "Local Address", "Port", "Peer Address", "Port", "Process"};
        int[] w = new int[9];
        for (int i = 0; i < 9; i++) {
            w[i] = head[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < 9; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder h = new StringBuilder();
        if (netid) {
            h.append(pad(head[0], w[0])).append(' ');
        }
        if (state) {
            h.append(pad(head[1], w[1])).append(' ');
        }
        h.append(pad(head[2], w[2])).append(' ').append(pad(head[3], w[3]))
                .append(' ').append(left(head[4], w[4])).append(':').append(pad(head[5], w[5]))
                .append(' ').append(left(head[6], w[6])).append(':').append(pad(head[7], w[7]))
                .append(' ').append(head[8]);
        out.println(bold(h.toString().stripTrailing()));
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            if (netid) {
                b.append(pad(r[0], w[0])).append(' ');
            }
            if (state) {
                b.append(pad(r[1], w[1])).append(' ');
            }
            b.append(pad(r[2], w[2])).append(' ').append(pad(r[3], w[3]))
                    .append(' ').append(left(r[4], w[4])).append(sep(r[0])).append(pad(r[5], w[5]))
                    .append(' ').append(left(r[6], w[6])).append(sep(r[0])).append(pad(r[7], w[7]))
                    .append(' ').append(r[8]);
            out.println(b.toString().stripTrailing());
        }
    }

    /** netstat -tunap: Proto Recv-Q Send-Q Local Address Foreign Address State PID/Program name. */
    public void netstat(PrintWriter out, List<SocketEntry> sockets, boolean listeningOnly) {
        out.println(listeningOnly ? "Active Internet connections (only servers)" : "Active Internet connections");
        StringBuilder h = new StringBuilder(String.format("%-5s %6s %6s %-23s %-23s %-11s", "Proto", "Recv-Q", "Send-Q",
                "Local Address", "Foreign Address", "State"));
        if (processes) {
            h.append(" PID/Program name");
        }
        out.println(bold(h.toString().stripTrailing()));
        for (SocketEntry s : sockets) {
            String proto;
            String local;
            String foreign;
            String state;
            if (s.proto().equals("unix")) {
                proto = "unix";
                local = s.path() == null ? "-" : TerminalText.escape(s.path());
                foreign = "-";
                state = s.state() == SocketState.LISTEN ? "LISTENING"
                        : s.state() == SocketState.ESTABLISHED ? "CONNECTED" : "";
            } else {
                proto = s.proto() + (s.v6() ? "6" : "");
                local = netstatAddress(s.local()) + ":" + port(s.localPort(), s.proto());
                foreign = netstatAddress(s.peer()) + ":" + (s.peerPort() == 0 ? "*" : port(s.peerPort(), s.proto()));
                state = s.state() == SocketState.CLOSE && !s.proto().equals("tcp") ? "" : s.state().name();
            }
            StringBuilder b = new StringBuilder(String.format("%-5s %6d %6d %-23s %-23s %-11s", proto, s.recvQ(), s.sendQ(),
                    local, foreign, state));
            if (processes) {
                b.append(' ').append(s.owners().isEmpty() ? "-"
                        : s.owners().get(0).pid() + "/" + TerminalText.escape(s.owners().get(0).name()));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    public void summary(PrintWriter out, SocketSummary sum) {
        out.println(bold(String.format("%-9s %-9s %-9s %s", "Transport", "Total", "IP", "IPv6")));
        for (SocketSummary.Count c : sum.byProto().values()) {
            if (c.proto().equals("unix")) {
                out.println(String.format("%-9s %d", "UNIX", c.total()));
            } else {
                out.println(String.format("%-9s %-9d %-9d %d", c.proto().toUpperCase(java.util.Locale.ROOT),
                        c.total(), c.ipv4(), c.ipv6()));
            }
        }
        out.println();
        for (SocketSummary.Count c : sum.byProto().values()) {
            StringBuilder b = new StringBuilder(String.format("%-5s %d", c.proto().toUpperCase(java.util.Locale.ROOT) + ":",
                    c.total()));
            if (!c.states().isEmpty()) {
                b.append(" (");
                boolean first = true;
                for (Map.Entry<SocketState, Integer> e : c.states().entrySet()) {
                    b.append(first ? "" : ", ").append(e.getKey().ssName().toLowerCase(java.util.Locale.ROOT))
                            .append(' ').append(e.getValue());
                    first = false;
                }
                b.append(')');
            }
            out.println(b);
        }
    }

    private String extra(SocketEntry s) {
        List<String> parts = new ArrayList<>();
        if (processes && !s.owners().isEmpty()) {
            List<String> users = new ArrayList<>();
            for (SocketEntry.SocketOwner o : s.owners()) {
                users.add("(\"" + TerminalText.escape(o.name()) + "\",pid=" + o.pid() + ",fd=" + o.fd() + ")");
            }
            parts.add("users:(" + String.join(",", users) + ")");
        }
        if (timers && !s.proto().equals("unix") && s.timer() != SocketEntry.Timer.OFF) {
            parts.add("timer:(" + s.timer().ssName() + "," + duration(s.timerMillis()) + "," + s.retransmits() + ")");
        }
        if (extended) {
            parts.add((s.uid() >= 0 ? "uid:" + s.uid() + " " : "") + "ino:" + s.inode());
        }
        return String.join(" ", parts);
    }

    /** ss's timer text: 1min5sec, 59sec, 200ms, 1.500ms. */
    static String duration(long ms) {
        long secs = ms / 1000;
        long minutes = secs / 60;
        secs %= 60;
        long msecs = ms % 1000;
        StringBuilder b = new StringBuilder();
        if (minutes > 0) {
            msecs = 0;
            b.append(minutes).append("min");
            if (minutes > 9) {
                secs = 0;
            }
        }
        if (secs > 0) {
            if (secs > 9) {
                msecs = 0;
            }
            b.append(secs).append(msecs > 0 ? "." : "sec");
        }
        if (msecs > 0) {
            b.append(String.format("%03dms", msecs));
        }
        return b.length() == 0 ? "0ms" : b.toString();
    }

    /**
     * 0.0.0.0 for the IPv4 wildcard, [::] for the IPv6 one, [brackets] around IPv6 addresses. (ss writes * for an
     * IPv6 wildcard socket that also accepts IPv4; /proc does not tell whether IPV6_V6ONLY is set.)
     */
    private String address(InetAddress a, boolean v6) {
        String t = IpLiteral.format(a);
        return v6 ? "[" + t + "]" : t;
    }

    private static boolean isAny(InetAddress a) {
        for (byte b : a.getAddress()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String netstatAddress(InetAddress a) {
        return a.getAddress().length == 16 && isAny(a) ? "::" : IpLiteral.format(a);
    }

    private String port(int port, String proto) {
        if (port == 0 && !proto.equals("raw")) {
            return "*";
        }
        if (numeric) {
            return Integer.toString(port);
        }
        if (proto.equals("raw")) {
            return switch (port) {
                case 1 -> "icmp";
                case 6 -> "tcp";
                case 17 -> "udp";
                case 58 -> "ipv6-icmp";
                case 255 -> "raw";
                default -> Integer.toString(port);
            };
        }
        String name = services.name(port, proto);
        return name == null ? Integer.toString(port) : name;
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    /** ss separates a unix socket's path and inode with a space, an address and port with ':'. */
    private static char sep(String netid) {
        return netid.startsWith("u_") ? ' ' : ':';
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String left(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
