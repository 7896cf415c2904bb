package dev.netkit.sniff.print;

import dev.netkit.capture.CaptureStats;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Layer;
import dev.netkit.packet.LinuxCookedHeader;
import dev.netkit.packet.LoopbackHeader;
import dev.netkit.sniff.SniffedPacket;
import dev.netkit.sniff.Sniffer;
import dev.netkit.sniff.TrafficStats;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Chooses and drives the renderers of {@code netkit sniff}: tcpdump lines (plus -x/-X/-A dumps), the --fields
 * view, or JSON; and the --stats tables. Output is gathered in a buffer and written in large pieces; it is
 * flushed whenever the capture goes idle, so live output still appears at once.
 */
public final class SniffPrinter {
    private static final int TOP = 10;
    private final PrintWriter out;
    /** The process's stdout as bytes when available (fast path), else null and {@link #out} is used. */
    private final java.io.OutputStream raw;
    private final boolean json;
    private final int verbose;
    private final int hex;
    private final int hexAscii;
    private final int ascii;
    private final TcpdumpText text;
    private final FieldView fields;
    private final PacketJson packetJson;
    private final StringBuilder buf = new StringBuilder(1 << 17);
    /**
     * For {@link #prepare}: a second renderer with its own scratch state, used only in the engine's decoding
     * thread, for packets whose text depends on no earlier packet; null when no text is prepared ahead.
     */
    private final TcpdumpText aheadText;
    private final StringBuilder aheadBuf = new StringBuilder(512);
    /** tcpdump's -#: each packet's line starts with its number in the capture. */
    private boolean numbered;

    public SniffPrinter(PrintWriter out, boolean json, boolean link, int verbose, boolean numeric, int timeMode,
            boolean nanos, int hex, int hexAscii, boolean ascii) {
        this(out, null, json, PrintOptions.of(link, verbose, numeric, timeMode, nanos, hex, hexAscii, ascii));
    }

    /**
     * With {@code raw}, the process's stdout as bytes, text and JSON bypass the writer (see Netkit). Every printer
     * gets tcpdump's -v count from {@code options.verbose()} (TcpdumpText.verbose).
     */
    public SniffPrinter(PrintWriter out, java.io.OutputStream raw, boolean json, PrintOptions options) {
        this.out = out;
        this.raw = raw;
        this.json = json;
        this.verbose = options.verbose();
        this.hex = options.hex();
        this.hexAscii = options.hexAscii();
        this.ascii = options.ascii();
        this.numbered = options.numbered();
        this.text = new TcpdumpText(options, new TimeText(options.timeMode(), options.nanos()));
        this.fields = options.fields() ? new FieldView() : null;
        // -ttt and -ttttt print the time since an earlier packet: no line stands alone then
        int t = options.timeMode();
        this.aheadText = json || fields != null || t == 3 || t == 5 ? null
                : new TcpdumpText(options, new TimeText(t, options.nanos()));
        this.packetJson = json ? (raw != null ? new PacketJson(raw) : new PacketJson(out)) : null;
    }

    /** tcpdump's -# (--number): each packet's first line starts with its number, right-aligned in 5 columns. */
    public SniffPrinter numbered(boolean on) {
        this.numbered = on;
        return this;
    }

    /** The engine listener that prints each packet (and periodic stats). */
    public Sniffer.Listener listener(TrafficStats stats) {
        return new Sniffer.Listener() {
            @Override
            public void packet(SniffedPacket p) {
                print(p);
            }

            @Override
            public Object prepare(SniffedPacket p) {
                return SniffPrinter.this.prepare(p);
            }

            @Override
            public void packet(SniffedPacket p, Object prepared) {
                if (prepared instanceof String line) {
                    buf.append(line);
                    if (buf.length() > (1 << 16)) {
                        drain();
                    }
                } else {
                    print(p);
                }
            }

            @Override
            public void idle() {
                flush();
            }

            @Override
            public void interval(TrafficStats s) {
                if (s != null) {
                    stats(s);
                    flush();
                }
            }
        };
    }

    void print(SniffedPacket p) {
        if (json) {
            packetJson.packet(p);
            return;
        }
        append(p, buf, text);
        if (buf.length() > (1 << 16)) {
            drain();
        }
    }

    /**
     * The packet's text made ahead, in the engine's decoding thread, when it depends on no other packet: not
     * TCP (relative sequence numbers), not even a cut header, nor a tunnel that may carry TCP, not an ICMP message
     * whose quoted datagram -v prints. Null otherwise.
     */
    String prepare(SniffedPacket p) {
        if (aheadText == null || p.decoded().tcp().isPresent() || VxlanText.tunnels(p) || GreText.tunnels(p)
                || "tcp".equals(p.decoded().stoppedAt().orElse(null))
                || verbose > 0 && (p.decoded().quoted().isPresent() || p.decoded().icmpv4().isPresent())) {
            return null;
        }
        aheadBuf.setLength(0);
        append(p, aheadBuf, aheadText);
        return aheadBuf.toString();
    }

    /** The packet's line(s) with its newline: tcpdump text, the --fields view, the -x/-X/-A dump. */
    private void append(SniffedPacket p, StringBuilder b, TcpdumpText renderer) {
        if (numbered) {
            String n = Long.toString(p.number());
            b.append(" ".repeat(Math.max(0, 5 - n.length()))).append(n).append("  ");
        }
        try {
            renderer.render(p, b);
        } catch (RuntimeException e) {
            // a renderer bug must not end the capture: say so on the packet's line
            b.append(" [netkit: cannot print this packet: ").append(e.getClass().getSimpleName()).append(']');
        }
        if (fields != null) {
            fields.render(p, b);
        }
        if (hexAscii > 0 || hex > 0 || ascii > 0) {
            dump(p, b);
        }
        b.append('\n');
    }

    private void dump(SniffedPacket p, StringBuilder b) {
        byte[] d = p.frame().data();
        int link = linkLength(p);
        if (hexAscii > 0) {
            int from = hexAscii > 1 ? 0 : Math.min(link, d.length);
            HexDump.hexAscii(b, d, from, d.length - from);
        } else if (hex > 0) {
            int from = hex > 1 ? 0 : Math.min(link, d.length);
            HexDump.hex(b, d, from, d.length - from);
        } else if (ascii > 0) {
            int from = ascii > 1 ? 0 : Math.min(link, d.length);
            HexDump.ascii(b, d, from, d.length - from);
        }
    }

    private static int linkLength(SniffedPacket p) {
        if (p.decoded().layers().isEmpty()) {
            return 0;
        }
        Layer l = p.decoded().layers().get(0);
        if (l instanceof EthernetHeader e) {
            return 14 + 4 * e.tags().size();
        } else if (l instanceof LinuxCookedHeader c) {
            return c.bufferLength();
        }
        return l instanceof LoopbackHeader ? 4 : 0;
    }

    private void drain() {
        if (buf.isEmpty()) {
            return;
        }
        if (raw == null) {
            out.append(buf);
        } else {
            writeUtf8();
        }
        buf.setLength(0);
    }

    /**
     * The buffer as UTF-8 bytes (almost always plain ASCII) straight to stdout. One bulk copy and the JDK's
     * encoder (ASCII runs at memory speed) beat a charAt loop by far when the JVM runs C1 only (the launcher).
     */
    private void writeUtf8() {
        byte[] utf8 = buf.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            raw.write(utf8, 0, utf8.length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The --stats tables (text) or objects (JSON). */
    public void stats(TrafficStats s) {
        if (json) {
            packetJson.stats(s, TOP);
            return;
        }
        drain();
        StringBuilder b = buf;
        b.append("Protocol hierarchy (").append(s.total().packets()).append(" packets, ")
                .append(s.total().bytes()).append(" bytes)\n");
        for (TrafficStats.ProtocolRow r : s.hierarchy()) {
            int start = b.length();
            b.append("  ".repeat(r.depth() + 1)).append(r.protocol());
            pad(b, start, 28);
            b.append(String.format(Locale.ROOT, "frames:%-8d bytes:%d%n", r.packets(), r.bytes()));
        }
        b.append("Top talkers\n");
        for (TrafficStats.Talker t : s.topTalkers(TOP)) {
            int start = b.length();
            b.append("  ").append(t.address());
            pad(b, start, 44);
            b.append(String.format(Locale.ROOT, "packets:%-8d bytes:%d%n", t.packets(), t.bytes()));
        }
        b.append("Conversations\n");
        for (TrafficStats.Conversation c : s.conversations(TOP)) {
            int start = b.length();
            b.append("  ").append(c.protocol()).append(' ').append(c.a()).append(" <-> ").append(c.b());
            pad(b, start, 70);
            b.append(String.format(Locale.ROOT, "packets:%-8d bytes:%-10d duration:%.3fs%n", c.packets(),
                    c.bytes(), c.durationSeconds()));
        }
        drain();
    }

    private static void pad(StringBuilder b, int start, int width) {
        b.append(' ');
        while (b.length() - start < width) {
            b.append(' ');
        }
    }

    public void summary(long captured, CaptureStats s) {
        if (json) {
            packetJson.summary(captured, s);
        }
    }

    public void flush() {
        if (json) {
            packetJson.flush();
        } else {
            drain();
        }
        out.flush();
        if (raw != null) {
            try {
                raw.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
