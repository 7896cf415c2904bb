package dev.netkit.nc;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.system.IpLiteral;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolFamily;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The netcat engine: connects or listens over TCP or UDP and relays stdin and stdout through the socket,
 * or checks ports without sending data (-z). It reports what happens as {@link NcEvent}s and prints nothing.
 */
public final class Netcat {
    /** How long a UDP zero-I/O check waits for a refusal when no -w is given. */
    static final Duration UDP_CHECK_WAIT = Duration.ofSeconds(1);
    /** A UDP listener's receive buffer: large, so a burst of datagrams is not dropped before it is read. */
    private static final int UDP_RECEIVE_BUFFER = 4 << 20;
    private final NcOptions options;
    private final Consumer<NcEvent> events;
    private InputChunks stdin;

    public Netcat(NcOptions options, Consumer<NcEvent> events) {
        this.options = options;
        this.events = events;
    }

    /**
     * The addresses of {@code host} allowed by -4/-6: a literal as written, a name through the system's
     * resolver (unless {@code numeric}). Exit 1 when the name does not resolve, 2 for a family mismatch.
     */
    public List<InetAddress> resolve(String host, boolean numeric) {
        InetAddress literal = IpLiteral.parseOrNull(host);
        if (literal != null) {
            if (!options.family().accepts(literal)) {
                throw NetkitException.usage("'" + host + "' is not an "
                        + (options.family() == Family.IPV4 ? "IPv4" : "IPv6") + " address, but -"
                        + (options.family() == Family.IPV4 ? "4" : "6") + " was given");
            }
            return List.of(literal);
        }
        if (numeric) {
            throw NetkitException.usage("'" + host + "' is not an IP address, and -n forbids name lookups");
        }
        try {
            List<InetAddress> all = Arrays.stream(InetAddress.getAllByName(host))
                    .filter(options.family()::accepts).toList();
            if (all.isEmpty()) {
                throw new NetkitException(ExitCode.NEGATIVE, "getaddrinfo for host \"" + host
                        + "\": Address family for hostname not supported");
            }
            return all;
        } catch (UnknownHostException e) {
            throw new NetkitException(ExitCode.NEGATIVE, "getaddrinfo for host \"" + host
                    + "\": Name or service not known");
        }
    }

    /**
     * Zero-I/O check of one port (-z): TCP connects and closes at once; UDP sends one byte and waits for a
     * refusal. Tries each address in turn until one succeeds; returns whether one did.
     */
    public boolean check(String host, List<InetAddress> addresses, int port) throws InterruptedException {
        for (InetAddress a : addresses) {
            Endpoint target = new Endpoint(host, a, port);
            NcEvent.ConnectFailed failed = options.transport() == Transport.TCP ? checkTcp(target) : checkUdp(target);
            if (failed == null) {
                events.accept(new NcEvent.Connected(target, options.transport()));
                return true;
            }
            events.accept(failed);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return false;
    }

    private NcEvent.ConnectFailed checkTcp(Endpoint target) {
        try (SocketChannel ch = openConnected(target)) {
            return null;
        } catch (IOException e) {
            return failure(target, e);
        }
    }

    private NcEvent.ConnectFailed checkUdp(Endpoint target) {
        Duration wait = options.timeout() == null ? UDP_CHECK_WAIT : options.timeout();
        try (DatagramChannel ch = DatagramChannel.open(family(target.address()))) {
            bindSource(ch);
            ch.connect(new InetSocketAddress(target.address(), target.port()));
            DatagramSocket s = ch.socket();
            s.setSoTimeout((int) Math.max(1, wait.toMillis()));
            s.send(new java.net.DatagramPacket(new byte[] {'X'}, 1));
            try {
                s.receive(new java.net.DatagramPacket(new byte[2048], 2048));
            } catch (SocketTimeoutException silent) {
                // No refusal: the port is open, or a firewall drops silently; netcat says succeeded.
            }
            return null;
        } catch (IOException e) {
            return failure(target, e);
        }
    }

    /**
     * Connects to the first address of {@code host} that accepts and relays stdin and stdout until the
     * relay ends. Returns 0 after a relay, 1 when no address accepted or the relay broke.
     */
    public int connect(String host, List<InetAddress> addresses, int port, InputStream in, OutputStream out)
            throws InterruptedException {
        for (InetAddress a : addresses) {
            Endpoint target = new Endpoint(host, a, port);
            if (options.transport() == Transport.UDP) {
                return connectUdp(target, in, out);
            }
            SocketChannel ch;
            try {
                ch = openConnected(target);
            } catch (IOException e) {
                events.accept(failure(target, e));
                continue;
            }
            events.accept(new NcEvent.Connected(target, Transport.TCP));
            return finish(new TcpRelay(ch, chunks(in), out, options, false).run(), target);
        }
        return ExitCode.NEGATIVE;
    }

    private int connectUdp(Endpoint target, InputStream in, OutputStream out) throws InterruptedException {
        DatagramChannel ch;
        try {
            ch = DatagramChannel.open(family(target.address()));
            bindSource(ch);
            ch.connect(new InetSocketAddress(target.address(), target.port()));
        } catch (IOException e) {
            events.accept(failure(target, e));
            return ExitCode.NEGATIVE;
        }
        events.accept(new NcEvent.Connected(target, Transport.UDP));
        return finish(new UdpRelay(ch, chunks(in), out, options, false, events).run(), target);
    }

    private int finish(RelayState state, Endpoint target) {
        events.accept(new NcEvent.Closed(state.sent, state.received));
        String error = state.error();
        if (error != null) {
            events.accept(new NcEvent.ConnectFailed(target, options.transport(),
                    error.contains("refused") ? NcEvent.Failure.REFUSED : NcEvent.Failure.FAILED, error));
            return ExitCode.NEGATIVE;
        }
        return ExitCode.OK;
    }

    /**
     * Listens on {@code address} (null for every address) and {@code port} (0 for any free port) and relays
     * with the client that connects, then the next one with -k. A UDP listener answers the last peer.
     */
    public int listen(InetAddress address, int port, InputStream in, OutputStream out) throws InterruptedException {
        InetSocketAddress local = address != null ? new InetSocketAddress(address, port) : switch (options.family()) {
            case IPV4 -> new InetSocketAddress(IpLiteral.parse("0.0.0.0", "wildcard"), port);
            default -> new InetSocketAddress(port);
        };
        ProtocolFamily family = address != null ? family(address)
                : options.family() == Family.IPV4 ? StandardProtocolFamily.INET : null;
        return options.transport() == Transport.TCP ? listenTcp(local, family, in, out) : listenUdp(local, family, in, out);
    }

    private int listenTcp(InetSocketAddress local, ProtocolFamily family, InputStream in, OutputStream out)
            throws InterruptedException {
        ServerSocketChannel server = bound(local, () -> family == null ? ServerSocketChannel.open()
                : ServerSocketChannel.open(family));
        try (server) {
            events.accept(new NcEvent.Listening((InetSocketAddress) server.getLocalAddress(), Transport.TCP));
            do {
                SocketChannel ch = server.accept();
                events.accept(new NcEvent.Accepted((InetSocketAddress) ch.getRemoteAddress(), Transport.TCP));
                if (!options.keepListening()) {
                    server.close();
                }
                RelayState state = new TcpRelay(ch, chunks(in), out, options, true).run();
                events.accept(new NcEvent.Closed(state.sent, state.received));
            } while (options.keepListening());
            return ExitCode.OK;
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("listener stopped");
        } catch (IOException e) {
            throw new NetkitException(ExitCode.NEGATIVE, "accept on port " + local.getPort() + " failed: " + e.getMessage());
        }
    }

    private int listenUdp(InetSocketAddress local, ProtocolFamily family, InputStream in, OutputStream out)
            throws InterruptedException {
        DatagramChannel ch = bound(local, () -> {
            DatagramChannel c = family == null ? DatagramChannel.open() : DatagramChannel.open(family);
            c.setOption(StandardSocketOptions.SO_RCVBUF, UDP_RECEIVE_BUFFER);
            return c;
        });
        try {
            events.accept(new NcEvent.Listening((InetSocketAddress) ch.getLocalAddress(), Transport.UDP));
        } catch (IOException e) {
            throw bindFailure(local, e);
        }
        RelayState state = new UdpRelay(ch, chunks(in), out, options, true, events).run();
        events.accept(new NcEvent.Closed(state.sent, state.received));
        return ExitCode.OK;
    }

    /** Stdin is read only once a relay starts (a -z check or a failed connect never touches it), then shared. */
    private synchronized InputChunks chunks(InputStream in) {
        if (stdin == null) {
            stdin = new InputChunks(in);
        }
        return stdin;
    }

    /** Opens a listener's channel. */
    @FunctionalInterface
    private interface Opener<C extends NetworkChannel> {
        C open() throws IOException;
    }

    /** The channel {@code opener} opens, bound to {@code local} with SO_REUSEADDR as nc -l binds; else nc's bind error. */
    private static <C extends NetworkChannel> C bound(InetSocketAddress local, Opener<C> opener) {
        try {
            C ch = opener.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(local);
            return ch;
        } catch (IOException e) {
            throw bindFailure(local, e);
        }
    }

    private static NetkitException bindFailure(InetSocketAddress local, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new NetkitException(ExitCode.NEGATIVE, "bind to " + IpLiteral.format(local.getAddress()) + " port "
                + local.getPort() + " failed: " + why);
    }

    /** A TCP connection to the target, from -s/-p when given, within -w when given. */
    private SocketChannel openConnected(Endpoint target) throws IOException {
        SocketChannel ch = SocketChannel.open(family(target.address()));
        try {
            bindSource(ch);
            int ms = options.timeout() == null ? 0 : (int) Math.max(1, options.timeout().toMillis());
            ch.socket().connect(new InetSocketAddress(target.address(), target.port()), ms);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void bindSource(NetworkChannel ch) throws IOException {
        if (options.source() == null && options.sourcePort() == 0) {
            return;
        }
        if (options.sourcePort() != 0) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        }
        ch.bind(options.source() == null ? new InetSocketAddress(options.sourcePort())
                : new InetSocketAddress(options.source(), options.sourcePort()));
    }

    private static ProtocolFamily family(InetAddress a) {
        return a instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /** Netcat's classification: a reset is a refusal, -w running out is a time-out, the rest say why. */
    private NcEvent.ConnectFailed failure(Endpoint target, IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        NcEvent.Failure kind;
        String reason;
        if (e instanceof SocketTimeoutException) {
            kind = NcEvent.Failure.TIMED_OUT;
            reason = "Operation now in progress";
        } else if (e instanceof PortUnreachableException || msg.contains("refused")) {
            kind = NcEvent.Failure.REFUSED;
            reason = "Connection refused";
        } else if (e instanceof NoRouteToHostException || msg.contains("unreachable")) {
            kind = NcEvent.Failure.UNREACHABLE;
            reason = msg;
        } else {
            kind = NcEvent.Failure.FAILED;
            reason = msg;
        }
        return new NcEvent.ConnectFailed(target, options.transport(), kind, reason);
    }
}
