package dev.netkit.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An RFC 3912 lookup that walks referrals as Debian's whois does, and a little further: it starts at IANA (or at
 * the server given), follows {@code refer:}, {@code whois:}, {@code ReferralServer:} and {@code % referto:} from
 * any server, stops at a server already asked (a loop) and after {@link #MAX_SERVERS} servers. Each answer is
 * bounded in size ({@link #MAX_BYTES}) and time (connect and read timeouts, and {@link #MAX_SECONDS} in all).
 */
public final class WhoisLookup {
    /** Most servers asked for one query: IANA, an RIR, an NIR and two more is already unusual. */
    public static final int MAX_SERVERS = 5;
    /** Most bytes kept of one answer; the rest is not read. */
    public static final int MAX_BYTES = 1 << 20;
    /** Longest one server may take in all, however slowly it sends (Debian's client gives up after 60 s too). */
    public static final int MAX_SECONDS = 60;
    /** Most addresses of one server name tried. */
    private static final int MAX_ADDRESSES = 4;

    /** Why the walk stopped early: null, or a sentence for the user. */
    public record Walk(List<WhoisAnswer> answers, String note) {
    }

    private final Duration timeout;
    private final boolean followReferrals;
    private final boolean noContacts;

    /**
     * @param timeout         connect timeout and longest wait for each read
     * @param followReferrals false: ask the first server only
     * @param noContacts      RIPE's -r: no recursive lookups of contact objects
     */
    public WhoisLookup(Duration timeout, boolean followReferrals, boolean noContacts) {
        this.timeout = timeout;
        this.followReferrals = followReferrals;
        this.noContacts = noContacts;
    }

    /** Asks {@code first} about {@code q}, then each server referred to; {@code each} sees every answer at once. */
    public Walk walk(RegistryQuery q, WhoisServer first, Consumer<WhoisAnswer> each) {
        List<WhoisAnswer> answers = new ArrayList<>();
        Set<WhoisServer> asked = new HashSet<>();
        WhoisServer next = first;
        while (true) {
            asked.add(next);
            WhoisAnswer a = ask(next, next.queryLine(q, noContacts));
            answers.add(a);
            each.accept(a);
            if (!followReferrals || a.error() != null && a.text().isEmpty()) {
                return new Walk(answers, null);
            }
            Optional<WhoisServer> referral = WhoisReferral.find(a.text());
            if (referral.isEmpty()) {
                return new Walk(answers, null);
            }
            WhoisServer to = referral.get();
            if (asked.contains(to)) {
                return new Walk(answers, to.equals(next) ? next + " refers to itself: not followed"
                        : "referral loop: " + to + " was asked already, not asked again");
            }
            if (answers.size() >= MAX_SERVERS) {
                return new Walk(answers, "referral to " + to + " not followed: " + MAX_SERVERS
                        + " servers asked already (the limit)");
            }
            next = to;
        }
    }

    /** One query to one server: the answer, or why there is none. Never longer than {@link #MAX_SECONDS}. */
    public WhoisAnswer ask(WhoisServer server, String line) {
        long start = System.nanoTime();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(server.host());
        } catch (UnknownHostException e) {
            return failed(server, line, "cannot resolve " + server.host(), start);
        }
        String lastError = "no address";
        for (InetAddress address : Arrays.copyOf(addresses, Math.min(addresses.length, MAX_ADDRESSES))) {
            try (Socket s = new Socket()) {
                try {
                    s.connect(new InetSocketAddress(address, server.port()), (int) timeout.toMillis());
                } catch (SocketTimeoutException e) {
                    lastError = "connect to " + RegistryQuery.text(address) + " port " + server.port()
                            + " timed out after " + timeout.toSeconds() + " s";
                    continue;
                } catch (ConnectException e) {
                    lastError = "connect to " + RegistryQuery.text(address) + " port " + server.port() + ": "
                            + reason(e);
                    continue;
                }
                return read(server, line, s, start);
            } catch (IOException e) {
                lastError = RegistryQuery.text(address) + " port " + server.port() + ": " + reason(e);
            }
        }
        return failed(server, line, lastError, start);
    }

    private WhoisAnswer read(WhoisServer server, String line, Socket s, long start) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        long deadline = start + Math.max(MAX_SECONDS, timeout.toSeconds()) * 1_000_000_000L;
        String error = null;
        boolean truncated = false;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                error = "answer not finished after " + Math.max(MAX_SECONDS, timeout.toSeconds()) + " s: cut off";
                break;
            }
            s.setSoTimeout((int) Math.max(1, Math.min(timeout.toMillis(), left)));
            int n;
            try {
                n = in.read(buf, 0, (int) Math.min(buf.length, MAX_BYTES + 1L - kept.size()));
            } catch (SocketTimeoutException e) {
                error = "read timed out after " + timeout.toSeconds() + " s"
                        + (kept.size() > 0 ? " (" + kept.size() + " bytes received)" : "");
                break;
            } catch (IOException e) {
                error = "read: " + reason(e);
                break;
            }
            if (n < 0) {
                break;
            }
            kept.write(buf, 0, n);
            if (kept.size() > MAX_BYTES) {
                truncated = true;
                break;
            }
        }
        byte[] bytes = kept.toByteArray();
        int keep = Math.min(bytes.length, MAX_BYTES);
        String text = new String(bytes, 0, keep, StandardCharsets.UTF_8);
        return new WhoisAnswer(server, line, text, keep, truncated, error, true,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static WhoisAnswer failed(WhoisServer server, String line, String error, long start) {
        return new WhoisAnswer(server, line, "", 0, false, error, false, (System.nanoTime() - start) / 1_000_000);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.toLowerCase(java.util.Locale.ROOT);
    }
}
