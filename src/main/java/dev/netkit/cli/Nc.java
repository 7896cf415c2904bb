package dev.netkit.cli;

import dev.netkit.cli.render.JsonLines;
import dev.netkit.cli.render.NcRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.nc.Family;
import dev.netkit.nc.NcOptions;
import dev.netkit.nc.Netcat;
import dev.netkit.nc.PortRange;
import dev.netkit.nc.Transport;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Services;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit nc}: netcat (the OpenBSD/Debian one): connect, listen, relay, check ports with -z. */
@Command(name = "nc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Talk to a TCP or UDP port, listen, or check ports, as netcat does.",
                "Relays stdin to the socket and the socket to stdout, listens for a client (-l),",
                "or checks ports without sending data (-z).",
                "Usage: netkit nc [-4|-6] [-u] [-v] [-z] [-w SECS] [-q SECS|-N] [-C] [-s ADDR] [-p PORT] HOST PORT[-PORT]",
                "       netkit nc -l [-u] [-k] [-v] [-s ADDR] [-p PORT] [HOST] [PORT]",
                "Exit: 0 connected (with -z: every port accepted), 1 a connection failed or was refused, 2 usage error."})
public final class Nc implements Callable<Integer> {
    @Option(names = "-4", description = "IPv4 only.")
    boolean ipv4;

    @Option(names = "-6", description = "IPv6 only.")
    boolean ipv6;

    @Option(names = "-u", description = "UDP instead of TCP.")
    boolean udp;

    @Option(names = "-l", description = "Listen for a client instead of connecting.")
    boolean listen;

    @Option(names = "-k", description = "With -l: after a client leaves, accept the next one.")
    boolean keep;

    @Option(names = "-p", paramLabel = "PORT", description = "With -l: the port to listen on; otherwise the local port to connect from.")
    String port;

    @Option(names = "-s", paramLabel = "ADDR", description = "The local address to connect from (or, with -l, to listen on).")
    String source;

    @Option(names = "-v", description = "Say what happens on stderr: connections made, received, refused, timed out.")
    boolean verbose;

    @Option(names = "-n", description = "Numeric: HOST must be an address; no name lookups.")
    boolean numeric;

    @Option(names = "-z", description = "Zero-I/O: only check whether the port(s) accept a connection.")
    boolean zero;

    @Option(names = "-w", paramLabel = "SECS",
            description = "Time-out for connecting, and idle time after which a connection is closed.")
    String timeout;

    @Option(names = "-q", paramLabel = "SECS",
            description = "After EOF on stdin, wait SECS and quit (0: at once; negative: wait for the peer, the default).")
    Integer quit;

    @Option(names = "-N", description = "Shut down the sending side of the socket after EOF on stdin.")
    boolean shutdown;

    @Option(names = "-C", description = "Send CRLF as the line ending (typing HTTP or SMTP by hand).")
    boolean crlf;

    @Option(names = "--max-bytes", paramLabel = "N", description = "Close after N bytes came from the peer.")
    Long maxBytes;

    @Mixin
    OutputMixin output;

    @Parameters(arity = "0..2", paramLabel = "HOST PORT", description = "The host and port (or LO-HI range with -z).")
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        NcOptions options = options();
        Services services = Services.system();
        boolean eventsOnStdout = zero;
        NcRenderer text = new NcRenderer(spec.commandLine().getErr(), verbose, zero,
                output.json ? new JsonLines(eventsOnStdout ? spec.commandLine().getOut() : spec.commandLine().getErr())
                        : null, services);
        Netcat nc = new Netcat(options, text);
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        if (listen) {
            return listen(nc, stdout);
        }
        if (words.size() != 2) {
            throw NetkitException.usage("give HOST and PORT (or -l to listen)");
        }
        String host = words.get(0);
        PortRange ports = PortRange.parse(words.get(1), services);
        if (!ports.isSingle() && !zero) {
            throw NetkitException.usage("a port range needs -z");
        }
        List<InetAddress> addresses = nc.resolve(host, numeric);
        if (zero) {
            boolean all = true;
            for (int p = ports.first(); p <= ports.last(); p++) {
                all &= nc.check(host, addresses, p);
            }
            return all ? ExitCode.OK : ExitCode.NEGATIVE;
        }
        return nc.connect(host, addresses, ports.first(), System.in, stdout);
    }

    private int listen(Netcat nc, OutputStream stdout) throws InterruptedException {
        if (zero) {
            throw NetkitException.usage("-l and -z exclude each other");
        }
        String host = null;
        String portText = port;
        if (words.size() == 2) {
            host = words.get(0);
            portText = words.get(1);
        } else if (words.size() == 1) {
            if (port != null) {
                host = words.get(0);
            } else {
                portText = words.get(0);
            }
        }
        if (portText == null) {
            throw NetkitException.usage("-l needs a port: netkit nc -l PORT");
        }
        if (words.size() == 2 && port != null) {
            throw NetkitException.usage("give the port to listen on once, as -p PORT or as the last word");
        }
        if (host != null && source != null) {
            throw NetkitException.usage("give the address to listen on once, as -s ADDR or as HOST");
        }
        int p = "0".equals(portText) ? 0 : PortRange.parse(portText, Services.system()).first();
        if (portText.contains("-") && !portText.startsWith("-")) {
            throw NetkitException.usage("-l listens on one port, not a range");
        }
        InetAddress bind = null;
        if (source != null) {
            bind = IpLiteral.parse(source, "-s");
        } else if (host != null) {
            bind = nc.resolve(host, numeric).get(0);
        }
        return nc.listen(bind, p, System.in, stdout);
    }

    /** Checks the options against each other and builds the engine's options. */
    NcOptions options() {
        if (ipv4 && ipv6) {
            throw NetkitException.usage("-4 and -6 exclude each other");
        }
        if (keep && !listen) {
            throw NetkitException.usage("-k needs -l");
        }
        Family family = ipv4 ? Family.IPV4 : ipv6 ? Family.IPV6 : Family.ANY;
        NcOptions o = NcOptions.tcp().withTransport(udp ? Transport.UDP : Transport.TCP).withFamily(family)
                .withShutdownOnEof(shutdown).withCrlf(crlf).withKeepListening(keep);
        if (timeout != null) {
            o = o.withTimeout(seconds(timeout, "-w"));
        }
        if (quit != null && quit >= 0) {
            o = o.withQuitAfterEof(Duration.ofSeconds(quit));
        }
        if (maxBytes != null) {
            OptionRange.whole(1, Long.MAX_VALUE).check("--max-bytes", maxBytes);
            o = o.withMaxBytes(maxBytes);
        }
        if (!listen) {
            InetAddress src = source == null ? null : IpLiteral.parse(source, "-s");
            int srcPort = port == null ? 0 : PortRange.parse(port, Services.system()).first();
            if (port != null && port.contains("-")) {
                throw NetkitException.usage("-p takes one port, not a range");
            }
            if (src != null && !family.accepts(src)) {
                throw NetkitException.usage("-s " + source + " does not match -" + (ipv4 ? "4" : "6"));
            }
            o = o.withSource(src, srcPort);
        }
        return o;
    }

    /** Decimal seconds above zero ({@code 2}, {@code 0.5}); a usage error naming the option otherwise. */
    static Duration seconds(String text, String option) {
        BigDecimal s;
        try {
            s = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw NetkitException.usage(option + " takes seconds, not '" + text + "'");
        }
        OptionRange.positiveSeconds(86400).check(option, s.doubleValue());
        return Duration.ofNanos(s.movePointRight(9).longValue());
    }
}
