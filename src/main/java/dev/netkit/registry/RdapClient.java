package dev.netkit.registry;

import dev.netkit.JsonTree;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An RDAP lookup (RFC 9082 query paths, RFC 9083 JSON answers) over the JDK's HttpClient. Redirects are followed
 * by hand, at most {@link #MAX_REDIRECTS}; the body is read up to {@link #MAX_BYTES} and within the timeout, so
 * a server that sends without end or very slowly costs bounded memory and time.
 */
public final class RdapClient {
    /** Most redirects followed (RFC 7480 section 5.2 lets a server redirect to the one that holds the object). */
    public static final int MAX_REDIRECTS = 5;
    /** Most bytes of a body read: real RDAP objects are a few kB to a few hundred kB. */
    public static final int MAX_BYTES = 4 << 20;

    /** What came back: the URL that answered, the HTTP status and the JSON object; or why there is none. */
    public record Answer(URI server, int status, Map<String, Object> object, String error, boolean unreachable) {
        /** True when the object is an RDAP error object (RFC 9083 section 6) or the status is not 2xx. */
        public boolean failed() {
            return error != null || object == null || object.containsKey("errorCode") || status / 100 != 2;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    /** @param ssl the certificates trusted for https; null for the JDK's defaults */
    public RdapClient(Duration timeout, SSLContext ssl) {
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /** The RFC 9082 path of {@code q} under {@code base} (ending in '/'). */
    public static URI url(URI base, RegistryQuery q) {
        String path = switch (q.kind()) {
            case DOMAIN -> "domain/" + q.text();
            case ADDRESS, PREFIX -> "ip/" + q.canonical();
            case AS -> "autnum/" + q.asn();
            case HANDLE -> "entity/" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8);
        };
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b : b + "/") + path);
    }

    /** GETs {@code url}, following redirects; never longer than about (redirects + 1) times the timeout. */
    public Answer get(URI url) {
        URI at = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest req = HttpRequest.newBuilder(at).timeout(timeout)
                    .header("Accept", "application/rdap+json, application/json").GET().build();
            HttpResponse<InputStream> r;
            try {
                r = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream())
                        .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(at, 0, null, "interrupted", true);
            } catch (TimeoutException e) {
                return new Answer(at, 0, null, "no answer within " + timeout.toSeconds() + " s", true);
            } catch (ExecutionException e) {
                return new Answer(at, 0, null, reason(e.getCause()), true);
            }
            int status = r.statusCode();
            if (status / 100 == 3 && r.headers().firstValue("Location").isPresent()) {
                close(r.body());
                at = at.resolve(r.headers().firstValue("Location").get());
                continue;
            }
            return answer(at, status, r.body());
        }
        return new Answer(at, 0, null, "more than " + MAX_REDIRECTS + " redirects: not followed further", false);
    }

    private Answer answer(URI at, int status, InputStream body) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        // a body that never ends: closing the stream at the deadline ends the blocked read
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
            late.set(true);
            close(body);
        },
                CompletableFuture.delayedExecutor(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
        String cut = null;
        try (body) {
            byte[] buf = new byte[16384];
            for (int n; (n = body.read(buf)) >= 0; ) {
                kept.write(buf, 0, n);
                if (kept.size() > MAX_BYTES) {
                    cut = "body over " + MAX_BYTES + " bytes: not read further";
                    break;
                }
            }
        } catch (IOException e) {
            cut = late.get() ? "body not finished within " + timeout.toSeconds() * 2 + " s" : reason(e);
        } finally {
            stop.cancel(false);
        }
        if (cut != null) {
            return new Answer(at, status, null, "HTTP " + status + ", " + cut, false);
        }
        Object v;
        try {
            v = JsonTree.parseValue(kept.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(at, status, null, "HTTP " + status + ", not JSON (" + kept.size() + " bytes): "
                    + JsonTree.describe(e), false);
        }
        if (!(v instanceof Map<?, ?>)) {
            return new Answer(at, status, null, "HTTP " + status + ", the JSON is not an object", false);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) v;
        return new Answer(at, status, object, null, false);
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing only ends the read; nothing to report
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
