package dev.netkit.dns;

import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Sends one query to a list of servers, as dig does: each server in turn, {@code tries} times each over UDP
 * (once over TCP), until one answers. dnsjava's {@link SimpleResolver} does the work, including its retry
 * over TCP when an answer is truncated; netkit adds the forged-answer guard ({@link GuardedUdpClient}) and
 * records which transport was used.
 */
public final class DnsClient {
    private final Transport transport;
    /** Plain DNS's wire: the kernel's sockets, or a scripted server in tests. */
    private final DnsChannel channel;
    private byte[] trustAnchors;
    private javax.net.ssl.SSLContext tlsContext;
    private String tlsName;
    private String dohPath = "/dns-query";
    private org.xbill.DNS.TSIG tsig;

    public DnsClient() {
        this(Transport.PLAIN);
    }

    public DnsClient(Transport transport) {
        this(transport, DnsChannel.KERNEL);
    }

    /** Plain DNS through this channel. */
    public DnsClient(DnsChannel channel) {
        this(Transport.PLAIN, channel);
    }

    public DnsClient(Transport transport, DnsChannel channel) {
        this.transport = transport;
        this.channel = channel;
    }

    /**
     * Validates every answer with dnsjava's {@link ValidatingResolver} from these trust anchors (DS or DNSKEY
     * records in zone file format); the exchange then carries a {@link Validation}.
     */
    public DnsClient validating(byte[] trustAnchorZoneText) {
        this.trustAnchors = trustAnchorZoneText.clone();
        return this;
    }

    /**
     * For DNS over TLS and HTTPS: the name the server's certificate must carry (null: its address) and the
     * CAs to trust (null: the JVM's).
     */
    public DnsClient tls(String serverName, javax.net.ssl.SSLContext context) {
        this.tlsName = serverName;
        this.tlsContext = context;
        return this;
    }

    /** For DNS over HTTPS: the path of the URL (default /dns-query) or a whole https:// URL. */
    public DnsClient dohPath(String pathOrUrl) {
        this.dohPath = pathOrUrl;
        return this;
    }

    /** Signs every query with this TSIG key (RFC 8945) and verifies the answers' signatures. */
    public DnsClient signing(org.xbill.DNS.TSIG key) {
        this.tsig = key;
        return this;
    }

    /** The DoH URL for a server: https://NAME-OR-ADDRESS:PORT/PATH (RFC 8484). */
    String dohUrl(InetSocketAddress server) {
        if (dohPath.startsWith("https://")) {
            return dohPath;
        }
        String host = tlsName != null ? tlsName : server.getAddress() instanceof java.net.Inet6Address
                ? "[" + hostText(server.getAddress()) + "]" : hostText(server.getAddress());
        return "https://" + host + (server.getPort() == 443 ? "" : ":" + server.getPort())
                + (dohPath.startsWith("/") ? dohPath : "/" + dohPath);
    }

    /** The root zone's key-signing key (KSK-2017, tag 20326) as a DS record: the default trust anchor. */
    public static byte[] rootTrustAnchor() {
        try (java.io.InputStream in = DnsClient.class.getResourceAsStream("root-anchors.txt")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the built-in root trust anchor is unreadable", e);
        }
    }

    /** Plain DNS (UDP with TCP fallback), DNS over TLS, or DNS over HTTPS. */
    public enum Transport { PLAIN, TLS, HTTPS }

    /** Builds the query message dig would send for these options (a fresh random id each call). */
    public static Message newQuery(Name name, int type, int dclass, QueryOptions o) {
        // Message.newQuery's id comes from SecureRandom's SHA-1 mixing, costly for a batch; same checks otherwise
        Message query = new Message(RandomBits.below(65536));
        query.getHeader().setOpcode(org.xbill.DNS.Opcode.QUERY);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(name, type, dclass), Section.QUESTION);
        if (!o.recurse()) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        if (o.checkingDisabled()) {
            query.getHeader().setFlag(Flags.CD);
        }
        if (o.authenticData()) {
            query.getHeader().setFlag(Flags.AD);
        }
        if (o.edns()) {
            List<EDNSOption> options = new ArrayList<>();
            if (o.nsid()) {
                options.add(new NSIDOption(new byte[0]));
            }
            if (o.subnet() != null) {
                options.add(clientSubnet(o.subnet()));
            }
            query.addRecord(new OPTRecord(o.bufsize(), 0, 0, o.dnssec() ? ExtendedFlags.DO : 0, options),
                    Section.ADDITIONAL);
        }
        return query;
    }

    static ClientSubnetOption clientSubnet(String spec) {
        int slash = spec.indexOf('/');
        String addr = slash < 0 ? spec : spec.substring(0, slash);
        try {
            InetAddress a = InetAddress.getByName(addr);
            int max = a.getAddress().length * 8;
            int len = slash < 0 ? max : Integer.parseInt(spec.substring(slash + 1));
            if (len < 0 || len > max) {
                throw new IllegalArgumentException("prefix length " + len + " is not between 0 and " + max);
            }
            return new ClientSubnetOption(len, a);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "' is not ADDR/LEN", e);
        }
    }

    /**
     * Asks each server in turn until one answers.
     *
     * @throws NoServerReachedException when no server answered any try
     */
    public DnsExchange query(Name name, int type, int dclass, List<InetSocketAddress> servers, QueryOptions o) {
        List<String> failures = new ArrayList<>();
        boolean allTimedOut = true;
        int dropped = 0;
        int tries = transport != Transport.PLAIN ? 1 : Math.max(1, o.tries()); // dig +tcp tries again too
        List<InetSocketAddress> plan = schedule(servers, tries, transport != Transport.PLAIN || o.tcp());
        boolean staleRetried = false;
        for (int step = 0; step < plan.size(); step++) {
            InetSocketAddress server = plan.get(step);
            if (server == null) {
                failures.add(ROUND_FAILED);
                continue;
            }
            {
                // the validator sets EDNS with DO (and CD) itself; an OPT record in the query would override it,
                // and CD in the query would make it pass the answer on unvalidated
                Message query = newQuery(name, type, dclass,
                        trustAnchors != null ? o.withEdns(false).withCheckingDisabled(false) : o);
                Attempt a = new Attempt();
                Instant when = Instant.now();
                long t0 = System.nanoTime();
                try {
                    Resolver resolver = transport == Transport.HTTPS ? doh(server, o)
                            : trustAnchors != null || transport != Transport.PLAIN || o.tcp()
                            ? resolver(server, o, a) : null;
                    Validation validation = null;
                    Message response;
                    if (trustAnchors != null) {
                        ValidatingResolver v = new ValidatingResolver(resolver);
                        v.loadTrustAnchors(new java.io.ByteArrayInputStream(trustAnchors));
                        response = await(v.sendAsync(query, Runnable::run), o);
                        validation = verdict(response);
                        if (!o.dnssec()) {
                            stripDnssecRecords(response);
                        }
                    } else if (transport == Transport.HTTPS) {
                        response = dohSend(resolver, query, o);
                    } else if (transport == Transport.PLAIN && !o.tcp()) {
                        response = udp(query, server, o, a);
                    } else {
                        response = await(resolver.sendAsync(query, Runnable::run), o);
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    String used = switch (transport) {
                        case TLS -> "TLS";
                        case HTTPS -> "HTTPS";
                        case PLAIN -> a.tcpUsed ? "TCP" : "UDP";
                    };
                    int size = validation != null ? response.toWire().length : response.numBytes();
                    return new DnsExchange(query, response, server, used, ms, size, when,
                            a.tcpUsed && !o.tcp(), dropped + a.dropped.get(), List.copyOf(failures), validation,
                            tsig == null ? null : tsigProblem(response));
                } catch (IOException e) {
                    dropped += a.dropped.get();
                    if (!staleRetried && a.tcpUsed && hasCause(e, java.nio.channels.ClosedChannelException.class)) {
                        // dnsjava pools TCP channels per server and may hand out the one the last refusal closed
                        staleRetried = true;
                        step--;
                        continue;
                    }
                    staleRetried = false;
                    boolean timedOut = isTimeout(e);
                    allTimedOut &= timedOut;
                    String why = reason(e, timedOut);
                    failures.add(a.tcpUsed && (!timedOut || o.tcp())
                            ? "Connection to " + addressText(server) + "(" + hostText(server.getAddress()) + ") for "
                                    + name.toString(true) + " failed: " + why + "."
                            : communicationsError(server, why));
                }
            }
        }
        throw new NoServerReachedException(failures, allTimedOut, dropped);
    }

    /**
     * Asks {@code server} the same query again over TCP after its UDP answer came back truncated, as dig does:
     * the failures and dropped datagrams of the tries before are kept, and the exchange is marked as a TCP
     * fallback. Its failure ends the lookup (the truncated answer showed the server is there).
     */
    public DnsExchange tcpFallback(Message query, InetSocketAddress server, QueryOptions o, List<String> failures,
                                   int dropped) {
        Attempt a = new Attempt();
        Instant when = Instant.now();
        long t0 = System.nanoTime();
        try {
            Message response = await(resolver(server, o.withTcp(true), a).sendAsync(query, Runnable::run), o);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new DnsExchange(query, response, server, "TCP", ms, response.numBytes(), when, true, dropped,
                    List.copyOf(failures));
        } catch (IOException e) {
            boolean timedOut = isTimeout(e);
            List<String> all = new ArrayList<>(failures);
            all.add("Connection to " + addressText(server) + "(" + hostText(server.getAddress()) + ") for "
                    + query.getQuestion().getName().toString(true) + " failed: " + reason(e, timedOut) + ".");
            throw new NoServerReachedException(all, timedOut, dropped);
        }
    }

    /** dig's line for a failed UDP try: {@code communications error to 198.18.10.53#53: timed out}. */
    public static String communicationsError(InetSocketAddress server, String why) {
        return "communications error to " + addressText(server) + ": " + why;
    }

    /** What BIND dig prints when a round of TCP tries over the servers failed and it starts again. */
    public static final String ROUND_FAILED = "no servers could be reached";

    /**
     * The servers to ask, try by try, in BIND dig 9.18's order. Over UDP: the first server {@code tries} times,
     * then every other server once. Over TCP: {@code tries - 1} rounds of the first server alone, then one
     * round over all of them; a null ends each round but the last (dig says "no servers could be reached").
     */
    public static List<InetSocketAddress> schedule(List<InetSocketAddress> servers, int tries, boolean tcp) {
        List<InetSocketAddress> plan = new ArrayList<>();
        if (servers.isEmpty()) {
            return plan;
        }
        int t = Math.max(1, tries);
        for (int i = 0; i < t - 1; i++) {
            plan.add(servers.get(0));
            if (tcp) {
                plan.add(null);
            }
        }
        plan.addAll(servers);
        return plan;
    }

    /**
     * Tries each candidate name (a search list's expansions) in turn and returns the first answer that is not
     * NXDOMAIN, or the last answer when all are.
     */
    public DnsExchange queryFirst(List<Name> names, int type, int dclass, List<InetSocketAddress> servers,
                                  QueryOptions o) {
        DnsExchange x = null;
        for (Name n : names) {
            x = query(n, type, dclass, servers, o);
            if (x.response().getRcode() != org.xbill.DNS.Rcode.NXDOMAIN) {
                break;
            }
        }
        return x;
    }

    /**
     * dnsjava's DoH resolver takes the JVM's default SSL context when it builds its HTTP client, so a
     * {@code +tls-ca} context is made the default for the exchange and the previous one restored after.
     */
    private Message dohSend(Resolver resolver, Message query, QueryOptions o) throws IOException {
        javax.net.ssl.SSLContext saved = null;
        try {
            if (tlsContext != null) {
                saved = javax.net.ssl.SSLContext.getDefault();
                javax.net.ssl.SSLContext.setDefault(tlsContext);
            }
            return await(resolver.sendAsync(query), o);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            if (saved != null) {
                javax.net.ssl.SSLContext.setDefault(saved);
            }
        }
    }

    /**
     * Plain UDP, the common case and a batch's: the guarded socket and one parse, without dnsjava's resolver
     * and its futures; a truncated answer is asked again over TCP by dnsjava's resolver, as dig does.
     */
    private Message udp(Message query, InetSocketAddress server, QueryOptions o, Attempt a) throws IOException {
        Message sent = query;
        if (tsig != null) {
            // signed as the message is written, so the TSIG record comes last, after the OPT record
            sent = query.clone();
            sent.setTSIG(tsig);
        }
        byte[] wire = sent.toWire(Message.MAXLENGTH);
        org.xbill.DNS.TSIGRecord sentTsig = tsig == null ? null : new Message(wire).getTSIG();
        OPTRecord opt = query.getOPT();
        int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        InetSocketAddress local = o.source() == null ? null : new InetSocketAddress(o.source(), 0);
        byte[] in = channel.udp(local, server, query, wire, max, o.timeout(), a.dropped);
        Message response = new Message(in);
        if (tsig != null && response.getTSIG() != null) {
            tsig.verify(response, in, sentTsig);
        }
        if (response.getHeader().getFlag(Flags.TC) && !o.ignoreTruncation()) {
            return await(resolver(server, o.withTcp(true), a).sendAsync(query, Runnable::run), o);
        }
        return response;
    }

    /**
     * What is wrong with a signed query's answer, in dig's words, or null when its TSIG verified: unsigned,
     * signed with an error (BADSIG, BADKEY, BADTIME: the server could not verify ours), or a bad signature.
     */
    static String tsigProblem(Message response) {
        org.xbill.DNS.TSIGRecord t = response.getTSIG();
        if (t == null) {
            return "expected a TSIG or SIG(0)";
        }
        if (t.getError() != Rcode.NOERROR) {
            return "tsig indicates error";
        }
        return response.isVerified() ? null : "tsig verify failure";
    }

    /** dnsjava's DoH resolver for this server's URL. */
    private Resolver doh(InetSocketAddress server, QueryOptions o) {
        org.xbill.DNS.DohResolver r = new org.xbill.DNS.DohResolver(dohUrl(server));
        r.setTimeout(o.timeout());
        return r;
    }

    private Resolver resolver(InetSocketAddress server, QueryOptions o, Attempt a) {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(o.timeout());
        r.setTCP(o.tcp() || transport == Transport.TLS);
        r.setIgnoreTruncation(o.ignoreTruncation());
        r.setEDNS(-1, 0, 0, List.of()); // the query carries its own OPT record, or none for +noedns
        if (tsig != null) {
            r.setTSIGKey(tsig);
        }
        if (o.source() != null) {
            r.setLocalAddress(new InetSocketAddress(o.source(), 0));
        }
        r.setIoClientFactory(new IoClientFactory() {
            @Override
            public TcpIoClient createOrGetTcpClient() {
                a.tcpUsed = true;
                return transport == Transport.TLS ? new TlsClient(tlsContext, tlsName) : channel::tcp;
            }

            @Override
            public UdpIoClient createOrGetUdpClient() {
                // blocking in the caller's thread: netkit's callers are (virtual) threads of their own, and a
                // query needs no selector thread when it owns its socket
                return (local, remote, query, data, max, timeout) -> {
                    java.util.concurrent.CompletableFuture<byte[]> f = new java.util.concurrent.CompletableFuture<>();
                    try {
                        f.complete(channel.udp(local, remote, query, data, max, timeout, a.dropped));
                    } catch (IOException | RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                    return f;
                };
            }
        });
        return r;
    }

    /**
     * Reads the validator's verdict from its response: AD set means secure; SERVFAIL with the reason record
     * (class 65280 in the additional section, which is removed here) or a DNSSEC EDE means bogus.
     */
    static Validation verdict(Message response) {
        String reason = null;
        for (Record r : new ArrayList<>(response.getSection(Section.ADDITIONAL))) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord txt) {
                reason = String.join(" ", txt.getStrings());
                response.removeRecord(r, Section.ADDITIONAL);
            }
        }
        int ede = -1;
        OPTRecord opt = response.getOPT();
        if (opt != null) {
            for (EDNSOption e : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
                if (e instanceof ExtendedErrorCodeOption x) {
                    ede = x.getErrorCode();
                    if (reason == null && x.getText() != null) {
                        reason = x.getText();
                    }
                }
            }
        }
        String status;
        if (response.getHeader().getFlag(Flags.AD)) {
            status = "secure";
        } else if (ede == ExtendedErrorCodeOption.DNSSEC_INDETERMINATE) {
            status = "indeterminate";
        } else if (response.getRcode() == Rcode.SERVFAIL && (reason != null || ede >= 0)) {
            status = "bogus";
        } else {
            status = "insecure";
        }
        return new Validation(status, reason);
    }

    /** Waits for dnsjava's answer; its continuations run in the thread that completes them, not a shared pool. */
    private static Message await(java.util.concurrent.CompletionStage<Message> stage, QueryOptions o) throws IOException {
        try {
            return stage.toCompletableFuture().get(o.timeout().toMillis() * 3 + 5000,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c == null ? "query failed" : c.getMessage(), c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SocketTimeoutException("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Without +dnssec, the signatures and denial records the validator asked for are not shown. */
    private static void stripDnssecRecords(Message m) {
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record r : new ArrayList<>(m.getSection(section))) {
                int t = r.getType();
                if (t == org.xbill.DNS.Type.RRSIG || t == org.xbill.DNS.Type.NSEC || t == org.xbill.DNS.Type.NSEC3) {
                    m.removeRecord(r, section);
                }
            }
        }
    }

    /** What one try saw: the datagrams dropped (not our answer), and whether dnsjava switched to TCP. */
    private static final class Attempt {
        final java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean tcpUsed;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || (t.getMessage() != null && t.getMessage().toLowerCase().contains("timed out"))) {
                return true;
            }
        }
        return false;
    }

    static String reason(Exception e, boolean timedOut) {
        if (timedOut) {
            return "timed out";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortUnreachableException || t instanceof java.net.ConnectException) {
                return "connection refused";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** dig's way of writing a server: {@code 198.18.10.53#53}. */
    public static String addressText(InetSocketAddress a) {
        return hostText(a.getAddress()) + "#" + a.getPort();
    }

    /** An address as dig writes it: IPv6 in its short form (2001:db8:10::53). */
    public static String hostText(InetAddress a) {
        return a instanceof java.net.Inet6Address ? RecordText.ipv6(a.getAddress()) : a.getHostAddress();
    }
}
