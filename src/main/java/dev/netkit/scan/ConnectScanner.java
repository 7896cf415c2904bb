package dev.netkit.scan;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.function.Consumer;

/**
 * nmap's -sT: a full connect() per port on virtual threads, at most {@code parallel} at a time (kept below the
 * open-file limit). Connected is open (syn-ack), refused closed (conn-refused), a timeout after every retry
 * filtered (no-response), no route filtered (host-unreach). Needs no privilege; works for IPv6 too.
 */
public final class ConnectScanner {
    private final int parallel;
    private final int timeoutMs;
    private final int retries;

    public ConnectScanner(int parallel, int timeoutMs, int retries) {
        this.parallel = Math.max(1, Math.min(parallel, openFileLimit() / 2));
        this.timeoutMs = timeoutMs;
        this.retries = retries;
    }

    /** Scans every (target, port); host-major, ports ascending. */
    public List<PortResult> scan(List<ScanTarget> targets, List<Integer> ports, Consumer<PortResult> sink) {
        return BoundedProbes.run(parallel, targets, ports, this::probe, sink, "connect scan");
    }

    PortResult probe(ScanTarget t, int port) {
        for (int attempt = 0; ; attempt++) {
            long start = System.nanoTime();
            try (Socket s = new Socket()) {
                s.setSoLinger(true, 0); // close with RST, as nmap does, so no TIME_WAIT piles up
                s.connect(new InetSocketAddress(t.address(), port), timeoutMs);
                return new PortResult(t.address(), port, "tcp", PortState.OPEN, "syn-ack", ms(start));
            } catch (ConnectException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("refused")) {
                    return new PortResult(t.address(), port, "tcp", PortState.CLOSED, "conn-refused", ms(start));
                }
                if (m.contains("unreachable") || m.contains("No route")) {
                    return new PortResult(t.address(), port, "tcp", PortState.FILTERED, "host-unreach", ms(start));
                }
                if (attempt >= retries) {
                    return new PortResult(t.address(), port, "tcp", PortState.FILTERED, "no-response", -1);
                }
            } catch (NoRouteToHostException e) {
                return new PortResult(t.address(), port, "tcp", PortState.FILTERED, "host-unreach", ms(start));
            } catch (SocketTimeoutException e) {
                if (attempt >= retries) {
                    return new PortResult(t.address(), port, "tcp", PortState.FILTERED, "no-response", -1);
                }
            } catch (IOException e) {
                if (attempt >= retries) {
                    return new PortResult(t.address(), port, "tcp", PortState.FILTERED, "no-response", -1);
                }
            }
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** The soft open-file limit of this process (/proc/self/limits), 1024 when unknown. */
    static int openFileLimit() {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (l.startsWith("Max open files")) {
                    String soft = l.substring(26).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? 1 << 20 : Integer.parseInt(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back
        }
        return 1024;
    }
}
