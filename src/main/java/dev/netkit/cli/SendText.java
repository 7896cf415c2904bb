package dev.netkit.cli;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Layer;
import dev.netkit.packet.LinkType;
import dev.netkit.send.SendEvent;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Consumer;

/** Prints what {@code send} sent and what answered: one line per frame, a summary on stderr; or NDJSON. */
final class SendText implements Consumer<SendEvent> {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    SendText(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    @Override
    public void accept(SendEvent e) {
        switch (e) {
            case SendEvent.Sent s -> frame("sent", s.frame(), -1);
            case SendEvent.Reply r -> frame("reply", r.frame(), r.rttMillis());
            case SendEvent.Done d -> {
                if (json) {
                    new JsonLines(out).begin("summary").field("sent", d.probes()).field("frames", d.frames())
                            .field("replies", d.replies()).end();
                } else {
                    err.println(d.probes() + (d.probes() == 1 ? " packet" : " packets") + " sent ("
                            + d.frames() + (d.frames() == 1 ? " frame" : " frames") + "), " + d.replies()
                            + (d.replies() == 1 ? " reply" : " replies"));
                    err.flush();
                }
            }
        }
    }

    private void frame(String type, CapturedFrame f, double rtt) {
        Frame decoded = Frame.decode(LinkType.valueOf(f.linkType().value()), f.data());
        if (json) {
            JsonLines j = new JsonLines(out).begin(type);
            if (rtt >= 0) {
                j.field("rtt_ms", Math.round(rtt * 1000) / 1000.0);
            }
            j.field("length", f.originalLength()).field("summary", line(decoded)).end();
            return;
        }
        String prefix = rtt >= 0 ? String.format(Locale.ROOT, "reply %.3f ms: ", rtt) : "sent: ";
        out.println(prefix + line(decoded));
        out.flush();
    }

    private static String line(Frame f) {
        StringJoiner j = new StringJoiner(", ");
        for (Layer l : f.layers()) {
            j.add(TerminalText.escape(l.toString()));
        }
        return j.toString();
    }
}
