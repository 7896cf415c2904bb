package dev.netkit.cli;

import dev.netkit.TerminalText;
import dev.netkit.cli.render.DigRenderer;
import dev.netkit.cli.render.DnsJsonRenderer;
import dev.netkit.cli.render.JsonLines;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.dns.DnsBatch;
import dev.netkit.dns.DnsClient;
import dev.netkit.dns.DnsExchange;
import dev.netkit.dns.NoServerReachedException;
import dev.netkit.dns.RecordText;
import dev.netkit.dns.ResolvConf;
import dev.netkit.dns.RootHints;
import dev.netkit.dns.Tracer;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code netkit dig}: BIND dig's command line and output on dnsjava, plus JSON. */
@Command(name = "dig", mixinStandardHelpOptions = true,
        description = {"Look up DNS records as BIND's dig does, in its text or as JSON.",
                "Usage: netkit dig [@SERVER] [-p PORT] [-t TYPE] [-c CLASS] [-x ADDR] [-4|-6] [-b ADDR] [-f FILE]",
                "         [-y [HMAC:]NAME:SECRET | -k KEYFILE]",
                "         [NAME] [TYPE] [CLASS] [+short] [+tcp] [+trace] [+dnssec] [+cd] [+norecurse] [+noall]",
                "         [+answer] [+authority] [+additional] [+question] [+stats] [+timeout=N] [+tries=N]",
                "         [+bufsize=N] [+nsid] [+subnet=ADDR/LEN] [+tls] [+https[=PATH]] [+search] [--json]",
                "Exit: 0 a server answered (whatever the status), 9 no server answered, 2 usage error."})
public final class Dig implements Callable<Integer> {
    /** How many lookups of a batch file are in flight at once (Unbound serves 32 per thread by default). */
    static final int BATCH_CONCURRENCY = 32;

    @Mixin
    OutputMixin output;

    @Option(names = "--root-hints", paramLabel = "FILE",
            description = "Root hints for +trace (a zone file of root NS and addresses); default: the real root servers.")
    Path rootHints;

    @Option(names = "--validate", description = "Validate the answer with DNSSEC: secure, insecure or bogus, and why.")
    boolean validate;

    @Option(names = "--trust-anchor", paramLabel = "FILE",
            description = "DS or DNSKEY records to trust for --validate (default: the root zone's KSK).")
    Path trustAnchor;

    @Option(names = "--resolv-conf", paramLabel = "FILE", hidden = true,
            description = "Read servers and the search list from FILE instead of /etc/resolv.conf.")
    Path resolvConf = ResolvConf.DEFAULT;

    @Unmatched
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Where {@link #quick} runs print (picocli's writer otherwise). */
    private PrintWriter quickOut;

    /**
     * dig without picocli, for start-up: picocli's model of the root command and of this one costs more than a
     * batch of lab lookups, and dig's start-up cache holds no picocli class (scripts/lib/common.sh). Takes dig's
     * own words ({@code @SERVER}, {@code -x}, {@code +short}, ...) and netkit's options of dig, each once and well
     * formed ({@code --json}, {@code --no-color}, {@code --validate}, {@code --root-hints FILE},
     * {@code --trust-anchor FILE}, {@code --resolv-conf FILE}, or {@code --OPTION=FILE}); returns null for anything
     * else (help, version, a repeated or incomplete option), which picocli handles as it always does.
     */
    static Integer quick(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length < 1 || !args[0].equals("dig")) {
            return null;
        }
        Dig d = new Dig();
        d.output = new OutputMixin();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (a.startsWith("-h") || a.startsWith("-V") || a.startsWith("-?")) {
                    return null;
                }
                d.words.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "--json", "--no-color", "--validate" -> {
                    if (eq >= 0) {
                        return null;
                    }
                    if (name.equals("--json")) {
                        d.output.json = true;
                    } else if (name.equals("--no-color")) {
                        d.output.noColor = true;
                    } else {
                        d.validate = true;
                    }
                }
                case "--root-hints", "--trust-anchor", "--resolv-conf" -> {
                    String value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                    if (value == null || value.isEmpty() || (eq < 0 && value.startsWith("-"))) {
                        return null;
                    }
                    Path file = Path.of(value);
                    if (name.equals("--root-hints")) {
                        d.rootHints = file;
                    } else if (name.equals("--trust-anchor")) {
                        d.trustAnchor = file;
                    } else {
                        d.resolvConf = file;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        d.quickOut = out;
        try {
            return d.call();
        } catch (RuntimeException e) {
            out.flush();
            return Netkit.reportFailure(err, "netkit dig", e, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = quickOut != null ? quickOut : spec.commandLine().getOut();
        // a batch file (-f): the batch's thread starts now, so its own start-up (dnsjava's SecureRandom)
        // runs on the other core while this one reads resolv.conf and the file
        DnsBatch early = null;
        for (String w : words) { // a loop, not a stream: the stream framework's first use costs start-up
            if (w.startsWith("-f")) {
                early = new DnsBatch(BATCH_CONCURRENCY);
                early.open();
                // dnsjava's Record makes a DecimalFormat when first used (locale data: some 20 ms interpreted),
                // and the batch's thread makes dnsjava's SecureRandom meanwhile (DnsBatch.run): both at once
                DnsBatch.initRecords();
                break;
            }
        }
        Plan plan = null;
        try {
            DigRequest base = new DigRequest();
            ResolvConf conf = ResolvConf.load(resolvConf);
            base.options = conf.defaults(base.options); // as dig: resolv.conf's attempts and timeout, unless +tries/+timeout
            DigArguments args = DigArguments.parse(words, base);
            List<DigRequest> lookups = new ArrayList<>(args.lookups());
            if (!lookups.isEmpty()) {
                // as dig: the first lookup of the command line shows the command line, once
                lookups.get(0).banner = words;
            }
            boolean fromCommandLine = !lookups.isEmpty();
            NetkitException badLine = null;
            if (args.batchFile != null) {
                List<String> lines = batchLines(Path.of(args.batchFile)); // unreadable: nothing is asked
                // each lookup is handed to the batch as soon as its line is read: the first ones are answered
                // while the rest of the file is read
                Plan p = new Plan(conf, early != null ? early : opened(new DnsBatch(BATCH_CONCURRENCY)));
                plan = p;
                lookups.forEach(p::add);
                try {
                    batch(lines, args.global(), r -> {
                        lookups.add(r);
                        p.add(r);
                    });
                } catch (NetkitException e) {
                    // as BIND's dig: the lookups of the lines before a bad one are printed, then the error
                    badLine = e;
                }
                p.batch.seal();
            }
            boolean serverGiven = !args.global().servers.isEmpty()
                    || (!lookups.isEmpty() && fromCommandLine && !lookups.get(0).servers.isEmpty());
            if (lookups.isEmpty()) {
                if (badLine != null) {
                    throw badLine;
                }
                return ExitCode.OK;
            }
            lookups.get(0).bannerHead = true;
            lookups.get(0).serversFound = serverGiven ? serversFound(!args.global().servers.isEmpty()
                    ? args.global().servers : lookups.get(0).servers) : 0;
            if (plan == null && lookups.size() == 1) {
                Outcome o = lookup(lookups.get(0), conf);
                out.print(o.text());
                out.flush();
                return o.exit();
            }
            if (plan == null) {
                Plan p = new Plan(conf, new DnsBatch(BATCH_CONCURRENCY));
                plan = p;
                lookups.forEach(p::add);
                if (p.exchanges.stream().anyMatch(java.util.Objects::nonNull)) {
                    p.batch.start();
                }
            }
            int exit = runConcurrently(out, lookups, plan);
            if (badLine != null) {
                out.flush();
                throw badLine;
            }
            return exit;
        } finally {
            if (early != null) {
                early.close(); // harmless once it is done; stops it when it was not used or on an error
            }
            if (plan != null) {
                plan.batch.close();
            }
        }
    }

    private static DnsBatch opened(DnsBatch b) {
        b.open();
        return b;
    }

    /**
     * The lookups of a run in input order: each plain UDP one handed to the {@link DnsBatch} (its exchange's
     * future), each other one left for {@link #runConcurrently}'s threads, each that failed before it was asked
     * its failure.
     */
    private final class Plan {
        final ResolvConf conf;
        final DnsBatch batch;
        final List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        final List<CompletableFuture<DnsExchange>> exchanges = new ArrayList<>();
        final List<List<InetSocketAddress>> servers = new ArrayList<>();
        final List<Integer> threaded = new ArrayList<>();

        Plan(ResolvConf conf, DnsBatch batch) {
            this.conf = conf;
            this.batch = batch;
        }

        void add(DigRequest r) {
            CompletableFuture<DnsExchange> x = null;
            CompletableFuture<Outcome> o = null;
            List<InetSocketAddress> s = null;
            if (plainUdp(r)) {
                try {
                    s = servers(r, conf);
                    x = batch.add(names(r, conf).get(0), type(r), dclass(r), s, r.options);
                } catch (RuntimeException e) {
                    o = CompletableFuture.failedFuture(e);
                }
            } else {
                o = new CompletableFuture<>();
                threaded.add(outcomes.size());
            }
            outcomes.add(o);
            exchanges.add(x);
            servers.add(s);
        }
    }

    /**
     * Runs the lookups {@link #BATCH_CONCURRENCY} at a time and prints each one's text in input order as soon as
     * it and all before it are done; stdout is flushed only when the next one is not ready yet (a flush per
     * lookup costs a write per lookup). Plain UDP lookups go to one {@link DnsBatch} thread and are printed from
     * this one, so the two cores share the work; the others (+trace, +tcp, TLS, TSIG, --validate, +search) run
     * on virtual threads of their own.
     */
    private int runConcurrently(PrintWriter out, List<DigRequest> lookups, Plan plan) {
        int n = lookups.size();
        ResolvConf conf = plan.conf;
        List<CompletableFuture<Outcome>> outcomes = plan.outcomes;
        List<CompletableFuture<DnsExchange>> exchanges = plan.exchanges;
        List<List<InetSocketAddress>> servers = plan.servers;
        List<Integer> threaded = plan.threaded;
        DnsBatch batch = plan.batch;
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < Math.min(BATCH_CONCURRENCY, threaded.size()); w++) {
            Thread.ofVirtual().name("dig-" + w).start(() -> {
                for (int k = next.getAndIncrement(); k < threaded.size(); k = next.getAndIncrement()) {
                    int i = threaded.get(k);
                    try {
                        outcomes.get(i).complete(lookup(lookups.get(i), conf));
                    } catch (RuntimeException | Error e) {
                        outcomes.get(i).completeExceptionally(e);
                    }
                }
            });
        }
        int exit = ExitCode.OK;
        BatchOutput printed = new BatchOutput(out);
        try {
            for (int i = 0; i < n; i++) {
                CompletableFuture<?> f = exchanges.get(i) != null ? exchanges.get(i) : outcomes.get(i);
                if (!f.isDone()) {
                    printed.flush();
                    if (i == 0 && !output.json) {
                        // while the first answer is on its way: the text's own start-up (the time zone of WHEN)
                        DigRenderer.when(java.time.Instant.now());
                    }
                }
                Outcome o;
                try {
                    if (exchanges.get(i) == null) {
                        o = outcomes.get(i).get();
                    } else {
                        o = shown(lookups.get(i), servers.get(i), exchanges.get(i));
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NetkitException(1, "interrupted");
                }
                printed.print(o.text());
                exit = Math.max(exit, o.exit());
            }
        } finally {
            next.set(threaded.size()); // on an error, the workers stop after their current lookup
            batch.close(); // and the batch's thread asks no more
            printed.flush();
        }
        return exit;
    }

    /**
     * Where a batch prints: the process's stdout as bytes when {@code out} is it (half a megabyte of text for a
     * thousand lookups goes through no character encoder), else {@code out}. Write errors are swallowed, as
     * {@link PrintWriter} does.
     */
    private static final class BatchOutput {
        private final PrintWriter out;
        private final java.io.OutputStream bytes;
        private boolean failed;

        BatchOutput(PrintWriter out) {
            this.out = out;
            java.io.OutputStream raw = Netkit.processStdout(out);
            if (raw != null) {
                out.flush();
            }
            this.bytes = raw == null ? null : new java.io.BufferedOutputStream(raw, 1 << 16);
        }

        void print(String text) {
            if (bytes == null) {
                out.print(text);
                return;
            }
            try {
                if (!failed) {
                    bytes.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                failed = true;
            }
        }

        void flush() {
            if (bytes == null) {
                out.flush();
                return;
            }
            try {
                if (!failed) {
                    bytes.flush();
                }
            } catch (IOException e) {
                failed = true;
            }
        }
    }

    /** A lookup {@link DnsBatch} can take: plain UDP to the servers, one name, nothing netkit adds. */
    private boolean plainUdp(DigRequest r) {
        return !r.trace && !r.tls && r.https == null && r.tsig == null && r.tsigFile == null && !validate
                && !r.options.tcp() && !r.search;
    }

    /** The text (or JSON) of a batch lookup once its exchange is done. */
    private Outcome shown(DigRequest r, List<InetSocketAddress> servers, CompletableFuture<DnsExchange> f)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        int exit;
        try {
            exit = show(out, r, f.get(backstopMillis(r, servers), java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            // a backstop: every try of the batch has a deadline, so this is a bug, not a slow server
            throw new IllegalStateException("the batch lookup of " + r.name + " did not finish in time");
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof NoServerReachedException nsr)) {
                throw e;
            }
            exit = showFailure(out, r, servers, nsr);
        }
        out.flush();
        return new Outcome(sw.toString(), exit);
    }

    /**
     * How long to wait for a batch lookup once all before it are done (it is then in flight): all its tries
     * over UDP, then as many over TCP after a truncated answer, twice over, and a margin.
     */
    static long backstopMillis(DigRequest r, List<InetSocketAddress> servers) {
        long tries = Math.max(1, r.options.tries()) + servers.size();
        return r.options.timeout().toMillis() * tries * 4 + 10_000;
    }

    /** How many addresses the last @SERVER has: BIND dig's "; (2 servers found)" for @localhost. */
    private static int serversFound(List<String> given) {
        try {
            return InetAddress.getAllByName(given.get(given.size() - 1)).length;
        } catch (UnknownHostException e) {
            return 1; // the lookup itself says it cannot find the server
        }
    }

    /** Why a file cannot be read, in a few words (Java's message is often just the file's name). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The lines of a batch file. */
    static List<String> batchLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw NetkitException.usage("cannot read batch file " + file + ": " + reason(e));
        }
    }

    /**
     * The lookups of a batch file's lines: one dig command line per line, on top of the command line's options;
     * each handed to {@code each} as soon as its line is read.
     */
    static void batch(List<String> lines, DigRequest global, java.util.function.Consumer<DigRequest> each) {
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            List<String> lineWords = words(t);
            List<DigRequest> fromLine = DigArguments.parse(lineWords, global).lookups();
            if (!fromLine.isEmpty()) {
                fromLine.get(0).banner = lineWords;
            }
            fromLine.forEach(each);
        }
    }

    /** The whitespace-separated words of a line (no regular expression: a batch has thousands of lines). */
    static List<String> words(String line) {
        return ResolvConf.words(line);
    }

    /** The text (or JSON) of one lookup and its exit code. */
    record Outcome(String text, int exit) {
    }

    Outcome lookup(DigRequest r, ResolvConf conf) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        int exit = ExitCode.OK;
        List<InetSocketAddress> servers = servers(r, conf);
        if (showBanner(r) && r.trace) {
            DigRenderer.banner(out, r);
        }
        if (r.port == 53 && (r.tls || r.https != null) && !r.portGiven) {
            servers = servers.stream().map(s -> new InetSocketAddress(s.getAddress(), r.tls ? 853 : 443)).toList();
        }
        int type = type(r);
        int dclass = dclass(r);
        try {
            if (r.trace) {
                trace(out, r, type, dclass);
                out.flush();
                return new Outcome(sw.toString(), exit);
            }
            List<Name> names = names(r, conf);
            DnsClient client = client(r);
            if (validate) {
                client.validating(trustAnchors());
            }
            exit = show(out, r, client.queryFirst(names, type, dclass, servers, r.options));
        } catch (NoServerReachedException e) {
            exit = showFailure(out, r, servers, e);
        }
        out.flush();
        return new Outcome(sw.toString(), exit);
    }

    static int type(DigRequest r) {
        return r.type != null ? Type.value(r.type) : r.reverse != null ? Type.PTR : Type.A;
    }

    static int dclass(DigRequest r) {
        return r.dclass != null ? DClass.value(r.dclass) : DClass.IN;
    }

    /** An answer, as dig prints it or as JSON; the exit code (bogus: the answer did not validate). */
    private int show(PrintWriter out, DigRequest r, DnsExchange x) {
        if (output.json) {
            try (JsonLines json = new JsonLines(out)) {
                DnsJsonRenderer.response(json, "response", x);
                json.end();
            }
        } else {
            if (x.tsigProblem() != null) {
                out.println(";; Couldn't verify signature: " + x.tsigProblem());
            }
            if (showBanner(r)) {
                DigRenderer.banner(out, r);
            }
            DigRenderer.render(out, r, x);
        }
        return x.validation() != null && x.validation().status().equals("bogus") ? ExitCode.NEGATIVE : ExitCode.OK;
    }

    private boolean showBanner(DigRequest r) {
        return r.banner != null && r.cmd && !output.json;
    }

    /** No server answered: each try's failure and the verdict, as dig 9.18 prints them, or a JSON error. */
    private int showFailure(PrintWriter out, DigRequest r, List<InetSocketAddress> servers,
                            NoServerReachedException e) {
        if (output.json) {
            try (JsonLines json = new JsonLines(out)) {
                json.begin("error").field("error", e.allTimedOut() ? "timeout" : "unreachable")
                        .field("message", e.getMessage())
                        .stringArray("servers", servers.stream().map(DnsClient::addressText).toList());
                if (e.droppedResponses() > 0) {
                    json.field("dropped_responses", e.droppedResponses());
                }
                json.end();
            }
        } else {
            DigRenderer.noServer(out, r, e, showBanner(r));
        }
        return NoServerReachedException.EXIT;
    }

    /** Plain DNS, or DNS over TLS (+tls) or HTTPS (+https) with the certificate checks they ask for. */
    static DnsClient client(DigRequest r) {
        DnsClient plain = new DnsClient();
        if (r.tsig != null || r.tsigFile != null) {
            plain.signing(tsigKey(r));
        }
        if (!r.tls && r.https == null) {
            return plain;
        }
        DnsClient c = new DnsClient(r.tls ? DnsClient.Transport.TLS : DnsClient.Transport.HTTPS);
        c.tls(r.tlsName, r.tlsCa == null ? null : TrustedCertificates.context(Path.of(r.tlsCa)));
        if (r.https != null) {
            c.dohPath(r.https);
        }
        return c;
    }

    /** The -y key, or the first key statement of the -k file. */
    static org.xbill.DNS.TSIG tsigKey(DigRequest r) {
        if (r.tsig != null) {
            return dev.netkit.dns.TsigKeys.fromSpec(r.tsig);
        }
        String text;
        try {
            text = Files.readString(Path.of(r.tsigFile));
        } catch (IOException e) {
            throw NetkitException.usage("-k: cannot read key file " + r.tsigFile + ": " + e.getMessage());
        }
        try {
            return dev.netkit.dns.TsigKeys.fromKeyFile(text);
        } catch (IllegalArgumentException e) {
            throw NetkitException.usage("-k " + r.tsigFile + ": " + e.getMessage());
        }
    }

    private byte[] trustAnchors() {
        if (trustAnchor == null) {
            return DnsClient.rootTrustAnchor();
        }
        try {
            return Files.readAllBytes(trustAnchor);
        } catch (IOException e) {
            throw NetkitException.usage("cannot read trust anchor " + trustAnchor + ": " + e.getMessage());
        }
    }

    /** dig +trace: each step's records and where they came from, or one JSON object per step. */
    private void trace(PrintWriter out, DigRequest r, int type, int dclass) {
        RootHints hints;
        try {
            hints = rootHints == null ? RootHints.builtIn() : RootHints.load(rootHints);
        } catch (IOException e) {
            throw NetkitException.usage("cannot read root hints " + rootHints + ": " + e.getMessage());
        }
        Name name = names(r, ResolvConf.parse(List.of())).get(0);
        Tracer tracer = new Tracer(new DnsClient(), r.options, r.port, r.ipv4, r.ipv6);
        JsonLines json = output.json ? new JsonLines(out) : null;
        tracer.trace(name, type, dclass, hints, step -> {
            DnsExchange x = step.exchange();
            if (json != null) {
                DnsJsonRenderer.response(json, "trace_step", x);
                json.field("server_name", step.serverName().toString()).field("final", step.last()).end();
                return;
            }
            DigRenderer.failures(out, x.failures());
            for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
                for (Record rec : x.response().getSection(section)) {
                    out.println(DigRenderer.safe(RecordText.line(rec)));
                }
            }
            out.println(";; Received " + x.messageSize() + " bytes from " + DnsClient.addressText(x.server()) + "("
                    + TerminalText.escape(step.serverName().toString(true)) + ") in " + x.queryTimeMs() + " ms");
            out.println();
        });
    }

    /** The names to ask for: the reverse name for -x, else the name (through the search list with +search). */
    static List<Name> names(DigRequest r, ResolvConf conf) {
        if (r.reverse != null) {
            try {
                return List.of(ReverseMap.fromAddress(r.reverse));
            } catch (UnknownHostException e) {
                throw NetkitException.usage("-x '" + r.reverse + "' is not an IPv4 or IPv6 address");
            }
        }
        try {
            if (r.search) {
                return conf.candidates(r.name);
            }
            return List.of(Name.fromString(r.name, Name.root));
        } catch (TextParseException e) {
            throw NetkitException.usage("'" + r.name + "' is not a valid domain name: " + e.getMessage());
        }
    }

    /** @SERVER (an address or a name) or resolv.conf's nameservers; dig falls back to the local host. */
    static List<InetSocketAddress> servers(DigRequest r, ResolvConf conf) {
        List<InetSocketAddress> servers = servers(r.servers, r.port, r.ipv4, r.ipv6, conf);
        InetAddress source = r.options.source();
        if (source != null && servers.stream().noneMatch(s -> s.getAddress().getClass() == source.getClass())) {
            throw NetkitException.usage("-b " + DnsClient.hostText(source) + " is " + family(source)
                    + " but no server to ask is (" + DnsClient.addressText(servers.get(0)) + ")");
        }
        return servers;
    }

    private static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    static List<InetSocketAddress> servers(List<String> given, int port, boolean ipv4, boolean ipv6,
                                           ResolvConf conf) {
        List<InetAddress> addrs = new ArrayList<>();
        if (!given.isEmpty()) {
            for (String s : given) {
                try {
                    addrs.addAll(Arrays.asList(InetAddress.getAllByName(s)));
                } catch (UnknownHostException e) {
                    throw NetkitException.usage("couldn't get address for '" + s + "': not found");
                }
            }
        } else {
            addrs.addAll(conf.nameservers());
            if (addrs.isEmpty()) {
                addrs.add(InetAddress.getLoopbackAddress());
            }
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : addrs) {
            if ((ipv4 && !(a instanceof Inet4Address)) || (ipv6 && !(a instanceof Inet6Address))) {
                continue;
            }
            out.add(new InetSocketAddress(a, port));
        }
        if (out.isEmpty()) {
            throw NetkitException.usage("no " + (ipv4 ? "IPv4" : "IPv6") + " server to ask");
        }
        return out;
    }
}
