package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.nc.NcEvent;
import dev.netkit.nc.Transport;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Services;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Turns nc's events into netcat's stderr messages ({@code Connection to HOST 80 port [tcp/http] succeeded!}) or
 * into NDJSON. Messages only appear with -v, except a failed connection when not checking ports with -z.
 */
public final class NcRenderer implements Consumer<NcEvent> {
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean zero;
    private final JsonLines json;
    private final Services services;

    public NcRenderer(PrintWriter err, boolean verbose, boolean zero, JsonLines json, Services services) {
        this.err = err;
        this.verbose = verbose;
        this.zero = zero;
        this.json = json;
        this.services = services;
    }

    @Override
    public synchronized void accept(NcEvent event) {
        if (json != null) {
            json(event);
            return;
        }
        // an if chain, not a pattern switch, which spins a class at its first run that the AOT cache does not keep
        // (and the first one of a JVM initialises the JDK's class-file API: 6 ms of CPU, issue 17)
        String line = null;
        if (event instanceof NcEvent.Listening l) {
            line = verbose ? (l.transport() == Transport.TCP ? "Listening on " : "Bound on ") + address(l.local()) : null;
        } else if (event instanceof NcEvent.Accepted a) {
            line = verbose ? "Connection received on " + address(a.peer()) : null;
        } else if (event instanceof NcEvent.Connected c) {
            line = verbose ? "Connection to " + c.target().hostLabel() + " " + c.target().port()
                    + " port [" + c.transport().label() + "/" + service(c.target().port(), c.transport()) + "] succeeded!"
                    : null;
        } else if (event instanceof NcEvent.ConnectFailed f) {
            line = verbose || !zero ? "netkit nc: connect to " + f.target().hostLabel()
                    + " port " + f.target().port() + " (" + f.transport().label() + ") "
                    + (f.failure() == NcEvent.Failure.TIMED_OUT ? "timed out: " : "failed: ")
                    + TerminalText.escape(f.reason()) : null;
        }
        if (line != null) {
            err.println(line);
            err.flush();
        }
    }

    private String service(int port, Transport t) {
        String name = services.name(port, t.label());
        return name == null ? "*" : name;
    }

    private static String address(InetSocketAddress a) {
        return IpLiteral.format(a.getAddress()) + " " + a.getPort();
    }

    private void json(NcEvent event) {
        switch (event) {
            case NcEvent.Listening l -> json.begin("listening").field("address", IpLiteral.format(l.local().getAddress()))
                    .field("port", l.local().getPort()).field("protocol", l.transport().label()).end();
            case NcEvent.Accepted a -> json.begin("accepted").field("address", IpLiteral.format(a.peer().getAddress()))
                    .field("port", a.peer().getPort()).field("protocol", a.transport().label()).end();
            case NcEvent.Connected c -> connect(c.target(), c.transport(), "succeeded", null);
            case NcEvent.ConnectFailed f -> connect(f.target(), f.transport(),
                    f.failure().name().toLowerCase(java.util.Locale.ROOT), f.reason());
            case NcEvent.Closed c -> json.begin("closed").field("bytes_sent", c.bytesSent())
                    .field("bytes_received", c.bytesReceived()).end();
        }
    }

    private void connect(dev.netkit.nc.Endpoint t, Transport transport, String state, String error) {
        JsonLines j = json.begin("connect").field("host", t.host()).field("address", t.addressText())
                .field("port", t.port()).field("protocol", transport.label());
        j.optional("service", services.name(t.port(), transport.label()));
        j.field("state", state).optional("error", error).end();
    }
}
