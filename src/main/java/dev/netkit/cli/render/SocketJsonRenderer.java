package dev.netkit.cli.render;

import dev.netkit.sockets.SocketSummary;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.SocketEntry;
import dev.netkit.system.SocketState;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The JSON of {@code netkit sockets}: one "socket" object per socket, one "summary" per protocol with -s. */
public final class SocketJsonRenderer {
    private SocketJsonRenderer() {
    }

    public static void sockets(PrintWriter out, List<SocketEntry> sockets, boolean timers) {
        JsonLines json = new JsonLines(out);
        for (SocketEntry s : sockets) {
            json.begin("socket").field("proto", s.proto());
            json.field("state", s.state().ssName());
            if (s.proto().equals("unix")) {
                json.field("unix_type", s.unixType());
                json.optional("path", s.path());
            } else {
                json.field("family", s.v6() ? "inet6" : "inet");
                json.field("local_address", IpLiteral.format(s.local())).field("local_port", s.localPort());
                json.field("peer_address", IpLiteral.format(s.peer())).field("peer_port", s.peerPort());
            }
            json.field("recv_q", s.recvQ()).field("send_q", s.sendQ());
            if (!s.owners().isEmpty()) {
                json.field("pid", s.owners().get(0).pid()).field("process", s.owners().get(0).name());
                json.objectArray("owners", s.owners(), (g, o) -> {
                    g.writeNumberField("pid", o.pid());
                    g.writeStringField("process", o.name());
                    g.writeNumberField("fd", o.fd());
                });
            }
            if (s.uid() >= 0) {
                json.field("uid", s.uid());
            }
            json.field("inode", s.inode());
            if (timers && !s.proto().equals("unix")) {
                json.field("timer", s.timer().ssName()).field("timer_ms", s.timerMillis())
                        .field("retransmits", s.retransmits());
            }
            json.end();
        }
        json.close();
    }

    public static void summary(PrintWriter out, SocketSummary sum) {
        JsonLines json = new JsonLines(out);
        for (SocketSummary.Count c : sum.byProto().values()) {
            json.begin("summary").field("proto", c.proto()).field("total", c.total());
            if (!c.proto().equals("unix")) {
                json.field("ipv4", c.ipv4()).field("ipv6", c.ipv6());
            }
            try {
                var g = json.generator();
                g.writeObjectFieldStart("states");
                for (Map.Entry<SocketState, Integer> e : c.states().entrySet()) {
                    g.writeNumberField(e.getKey().ssName(), e.getValue());
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json.end();
        }
        json.close();
    }
}
