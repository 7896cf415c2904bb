package dev.netkit.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * --banners: connects to an open TCP port and reads what the service says first (SSH, SMTP, FTP greet the
 * client); a service that stays silent for {@code waitMs} (and the usual HTTP ports at once) gets a small HTTP
 * request and its answer is read. At most {@code maxBytes} bytes and about three times {@code waitMs} per port;
 * the bytes are returned raw (ISO-8859-1) and must be escaped before printing.
 */
public final class BannerGrabber {
    /** nmap's GetRequest probe, as HEAD so the body stays home. */
    static final byte[] HTTP_REQUEST = "HEAD / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final Set<Integer> HTTP_PORTS = Set.of(80, 81, 591, 3128, 8000, 8008, 8080, 8081, 8888);

    private final int waitMs;
    private final int maxBytes;
    private final int parallel;

    public BannerGrabber(int waitMs, int maxBytes, int parallel) {
        this.waitMs = waitMs;
        this.maxBytes = maxBytes;
        this.parallel = Math.max(1, parallel);
    }

    /** The banners of the open TCP ports of a table, by probe index (ports that said nothing are left out). */
    public Map<Integer, String> grab(PortTable table, ScanControl control) {
        Map<Integer, String> out = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int idx = 0; idx < table.size() && !control.stopped(); idx++) {
                PortResult r = table.result(idx);
                if (r == null || r.state() != PortState.OPEN || !r.proto().equals("tcp")
                        || table.skipped(table.hostOf(idx))) {
                    continue;
                }
                int i = idx;
                slots.acquireUninterruptibly();
                ex.submit(() -> {
                    try {
                        String b = grab(r.host(), r.port());
                        if (b != null && !b.isEmpty()) {
                            out.put(i, b);
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return out;
    }

    /** One port's banner, or null when the service said nothing (or the connect failed). */
    public String grab(InetAddress host, int port) {
        return grab(host, port, HTTP_REQUEST);
    }

    /** The same, sending {@code request} to a service that stays silent (and at once to the usual HTTP ports). */
    public String grab(InetAddress host, int port, byte[] request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), waitMs);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[maxBytes];
            int n = 0;
            if (!HTTP_PORTS.contains(port)) {
                n = read(s, in, buf, 0);
            }
            if (n == 0) {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                n = read(s, in, buf, 0);
            }
            return n == 0 ? null : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads until the buffer is full, the peer closes, or it is quiet: waitMs for the first bytes, 100 ms after. */
    private int read(Socket s, InputStream in, byte[] buf, int at) throws IOException {
        int n = at;
        long end = System.nanoTime() + waitMs * 1_000_000L;
        while (n < buf.length) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            s.setSoTimeout((int) Math.max(1, n == at ? left : Math.min(left, 100)));
            int k;
            try {
                k = in.read(buf, n, buf.length - n);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (k < 0) {
                break;
            }
            n += k;
        }
        return n - at;
    }

    /** The first line of a banner (what the text report shows), without its line end. */
    public static String firstLine(String banner) {
        int cut = banner.length();
        for (int i = 0; i < banner.length(); i++) {
            char c = banner.charAt(i);
            if (c == '\r' || c == '\n') {
                cut = i;
                break;
            }
        }
        return banner.substring(0, cut);
    }
}
