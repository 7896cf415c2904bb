package dev.netkit.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * nmap's -sU through connected UDP sockets: a protocol payload for well-known services (DNS, NTP, SNMP) and an
 * empty datagram elsewhere. A reply is open (udp-response); the kernel turns an ICMP port unreachable into
 * ECONNREFUSED on a connected socket, which is closed (port-unreach); silence after every retry is open|filtered.
 */
public final class UdpScanner {
    private final int parallel;
    private final ScanTiming timing;
    private ScanPacer pacer;

    /** A scanner with a fixed wait per attempt and every retry made (no congestion control). */
    public UdpScanner(int parallel, int timeoutMs, int retries) {
        this(parallel, new ScanTiming(3, timeoutMs * 1_000_000L, timeoutMs * 1_000_000L, timeoutMs * 1_000_000L,
                retries, 0, 0, 0, 0, Double.MAX_VALUE));
    }

    /** A scanner paced as nmap's -sU: the congestion control, timeouts and retries of {@code timing}. */
    public UdpScanner(ScanTiming timing) {
        this(1000, timing);
    }

    private UdpScanner(int parallel, ScanTiming timing) {
        this.parallel = Math.max(1, Math.min(parallel, ConnectScanner.openFileLimit() / 2));
        this.timing = timing;
        this.pacer = new ScanPacer(timing, 1);
    }

    /** The probe payload nmap-style for a port: a DNS query, an NTP client request, an SNMP get, or nothing. */
    public static byte[] payload(int port) {
        HexFormat h = HexFormat.of();
        return switch (port) {
            // echo: a line break, as nmap-payloads has it
            case 7 -> "\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // DNS: id 0x6e6b, recursion desired, one question ". IN NS"
            case 53 -> h.parseHex("6e6b01000001000000000000" + "0000020001");
            // NTP v4 client request (mode 3), 48 bytes
            case 123 -> h.parseHex("e3" + "00".repeat(47));
            // SNMPv1 get-request, community public, sysDescr.0
            case 161 -> h.parseHex("302602010004067075626c6963a019020400000001020100020100300b300906052b060102010500");
            // one zero byte: the JDK does not send zero-length datagrams on a connected channel
            default -> new byte[1];
        };
    }

    /** Scans every (target, port) on virtual threads, at most {@code parallel} sockets at once. */
    public PortTable scan(List<? extends InetAddress> targets, List<Integer> ports, ScanControl control) {
        pacer = new ScanPacer(timing, targets.size());
        Map<InetAddress, Integer> hosts = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            hosts.putIfAbsent(targets.get(i), i);
        }
        return BoundedProbes.run(parallel, targets, ports, "udp", (a, p) -> probe(a, hosts.getOrDefault(a, 0), p,
                control), control);
    }

    /** Waits until the pacer lets a probe to host {@code h} go; false when the scan was stopped first. */
    private boolean awaitTurn(int h, ScanControl control) {
        while (true) {
            if (control.stopped()) {
                return false;
            }
            long now = System.nanoTime();
            synchronized (pacer) {
                if (pacer.nextSend(h, now) - now <= 0) {
                    pacer.sent(h, now);
                    return true;
                }
            }
            try {
                Thread.sleep(1); // a virtual thread: the wait costs no carrier
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** One port; null when the scan was stopped before a verdict (waits are cut into 100 ms slices for that). */
    PortResult probe(InetAddress address, int port, ScanControl control) {
        return probe(address, 0, port, control);
    }

    private PortResult probe(InetAddress address, int h, int port, ScanControl control) {
        ScanTarget t = new ScanTarget(address, null);
        byte[] data = payload(port);
        try (DatagramChannel ch = DatagramChannel.open(t.address() instanceof java.net.Inet4Address
                ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
             Selector sel = Selector.open()) {
            ch.connect(new InetSocketAddress(t.address(), port));
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(1500);
            for (int attempt = 0; attempt < pacer.allowedTries(h); attempt++) {
                if (!awaitTurn(h, control)) {
                    return null;
                }
                long start = System.nanoTime();
                try {
                    ch.write(ByteBuffer.wrap(data));
                    long end = start + pacer.timeoutNanos(h);
                    while (System.nanoTime() < end) {
                        if (control.stopped()) {
                            pacer.timedOut(h);
                            return null;
                        }
                        sel.select(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
                        sel.selectedKeys().clear();
                        in.clear();
                        if (ch.read(in) > 0) {
                            pacer.answered(h, attempt, start, System.nanoTime(), true);
                            return new PortResult(t.address(), port, "udp", PortState.OPEN, "udp-response",
                                    (System.nanoTime() - start) / 1e6);
                        }
                    }
                    pacer.timedOut(h);
                } catch (PortUnreachableException e) {
                    pacer.answered(h, attempt, start, System.nanoTime(), true);
                    return new PortResult(t.address(), port, "udp", PortState.CLOSED, "port-unreach",
                            (System.nanoTime() - start) / 1e6);
                } catch (IOException e) {
                    pacer.timedOut(h); // the attempt's share of the window comes back
                    throw e;
                }
            }
            pacer.gaveUp();
        } catch (IOException e) {
            return new PortResult(t.address(), port, "udp", PortState.FILTERED, "host-unreach", -1);
        }
        return new PortResult(t.address(), port, "udp", PortState.OPEN_FILTERED, "no-response", -1);
    }
}
