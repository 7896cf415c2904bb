package dev.netkit.cli.render;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.sniff.print.SniffPrinter;
import dev.netkit.send.SendEvent;
import dev.netkit.sniff.PacketDecoder;
import dev.netkit.sniff.Sniffer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints what {@code send} sent and what answered exactly as {@code sniff -v} prints packets (its renderer,
 * without timestamps), with a summary on stderr; or sniff's JSON objects typed {@code sent} and {@code reply}
 * (with {@code rtt_ms}), then a {@code summary}.
 */
public final class SendRenderer implements Consumer<SendEvent> {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final PacketDecoder decoder = new PacketDecoder();
    private final StringWriter buffer = new StringWriter();
    private final SniffPrinter printer;
    private final Sniffer.Listener packets;
    private long number;
    private double firstRtt = -1;

    /** @param link print the link-level header too (sniff -e), where 802.1Q tags show */
    public SendRenderer(PrintWriter out, PrintWriter err, boolean json, boolean link) {
        this.out = out;
        this.err = err;
        this.json = json;
        // -t (no timestamp), -n, -v: the lines sniff -t -n -v prints.
        this.printer = new SniffPrinter(new PrintWriter(buffer), json, link, 1, true, 1, false, 0, 0, false);
        this.packets = printer.listener(null);
    }

    @Override
    public void accept(SendEvent e) {
        switch (e) {
            case SendEvent.Sent s -> frame("sent", s.frame(), -1);
            case SendEvent.Reply r -> {
                if (firstRtt < 0) {
                    firstRtt = r.rttMillis();
                }
                frame("reply", r.frame(), r.rttMillis());
            }
            case SendEvent.Done d -> {
                if (json) {
                    new JsonLines(out).begin("summary").field("sent", d.probes()).field("frames", d.frames())
                            .field("replies", d.replies()).end();
                } else {
                    err.println(d.probes() + (d.probes() == 1 ? " packet" : " packets") + " sent ("
                            + d.frames() + (d.frames() == 1 ? " frame" : " frames") + "), " + d.replies()
                            + (d.replies() == 1 ? " reply" : " replies")
                            + (firstRtt >= 0 ? String.format(Locale.ROOT, ", first after %.3f ms", firstRtt) : ""));
                    err.flush();
                }
            }
        }
    }

    private void frame(String type, CapturedFrame f, double rtt) {
        packets.packet(decoder.decode(++number, f));
        printer.flush();
        String text = buffer.toString();
        buffer.getBuffer().setLength(0);
        if (json) {
            String head = "{\"type\":\"packet\"";
            String typed = "{\"type\":\"" + type + "\""
                    + (rtt >= 0 ? String.format(Locale.ROOT, ",\"rtt_ms\":%.3f", rtt) : "");
            text = text.startsWith(head) ? typed + text.substring(head.length()) : text;
        }
        out.print(text);
        out.flush();
    }
}
