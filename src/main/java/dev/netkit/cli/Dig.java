package dev.netkit.cli;

import dev.netkit.cli.render.DigRenderer;
import dev.netkit.cli.render.DnsJsonRenderer;
import dev.netkit.cli.render.JsonLines;
import dev.netkit.cli.render.Progress;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.dns.DnsBatch;
import dev.netkit.dns.DnsClient;
import dev.netkit.dns.DnsExchange;
import dev.netkit.dns.NoServerReachedException;
import dev.netkit.dns.DnsChannel;
import dev.netkit.dns.LookupBatch;
import dev.netkit.dns.SearchList;
import dev.netkit.dns.ServerChoice;
import dev.netkit.system.ResolvConf;
import dev.netkit.dns.RootHints;
import dev.netkit.dns.Tracer;
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
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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
    /** The wire of plain DNS: the kernel's sockets (and then {@link DnsBatch} for batches), or a test's script. */
    static DnsChannel channel = DnsChannel.KERNEL;

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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // a batch file (-f): the batch's thread starts now, so its own start-up (dnsjava's SecureRandom)
        // runs on the other core while this one reads resolv.conf and the file
        DnsBatch early = null;
        for (String w : words) { // a loop, not a stream: the stream framework's first use costs start-up
            if (w.startsWith("-f") && channel == DnsChannel.KERNEL) {
                early = opened(new DnsBatch(LookupBatch.CONCURRENCY));
                // dnsjava's Record makes a DecimalFormat when first used (locale data: some 20 ms interpreted),
                // and the batch's thread makes dnsjava's SecureRandom meanwhile (DnsBatch.run): both at once
                DnsBatch.initRecords();
                break;
            }
        }
        LookupBatch<DigRequest> plan = null;
        try {
            DigRequest base = new DigRequest();
            ResolvConf conf = ResolvConf.load(resolvConf);
            // as dig: resolv.conf's attempts and timeout, unless +tries/+timeout
            base.options = base.options.withResolvConf(conf);
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
                LookupBatch<DigRequest> p = new LookupBatch<>(new DigLookups(conf), channel != DnsChannel.KERNEL
                        ? null : early != null ? early : opened(new DnsBatch(LookupBatch.CONCURRENCY)));
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
                p.seal();
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
            lookups.get(0).serversFound = serverGiven ? ServerChoice.serversFound(!args.global().servers.isEmpty()
                    ? args.global().servers : lookups.get(0).servers) : 0;
            if (plan == null && lookups.size() == 1) {
                LookupBatch.Outcome o = lookup(lookups.get(0), conf);
                out.print(o.text());
                out.flush();
                return o.exit();
            }
            if (plan == null) {
                plan = new LookupBatch<>(new DigLookups(conf),
                        channel == DnsChannel.KERNEL ? new DnsBatch(LookupBatch.CONCURRENCY) : null);
                lookups.forEach(plan::add);
                plan.start();
            }
            LookupBatch<DigRequest> running = plan;
            // a batch file's progress on a terminal's stderr; not when the answers go to the same terminal, where
            // they show the progress themselves (and a rewritten line would break theirs)
            Progress progress = args.batchFile == null || Progress.terminal(1) ? null
                    : Progress.start("dig", "lookups", running::shown, running::size,
                    spec.commandLine().getErr(), output.json, 0);
            int exit;
            try {
                // while the first answer is on its way: the text's own start-up (the time zone of WHEN)
                exit = plan.run(out, Netkit.processStdout(out),
                        output.json ? null : () -> DigRenderer.when(java.time.Instant.now()));
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
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
                plan.close();
            }
        }
    }

    private static DnsBatch opened(DnsBatch b) {
        b.open();
        return b;
    }

    /** dig's lookups for {@link LookupBatch}: plain UDP ones to the batch, the text of each. */
    private final class DigLookups implements LookupBatch.Lookups<DigRequest> {
        private final ResolvConf conf;

        DigLookups(ResolvConf conf) {
            this.conf = conf;
        }

        @Override
        public LookupBatch.Query batchQuery(DigRequest r) {
            if (!plainUdp(r)) {
                return null;
            }
            return new LookupBatch.Query(names(r, conf).get(0), type(r), dclass(r),
                    ServerChoice.servers(r.servers, r.port, r.ipv4, r.ipv6, conf, r.options.source()), r.options);
        }

        @Override
        public LookupBatch.Outcome run(DigRequest r) {
            return lookup(r, conf);
        }

        @Override
        public LookupBatch.Outcome answered(DigRequest r, DnsExchange x) {
            StringWriter sw = new StringWriter();
            PrintWriter out = new PrintWriter(sw);
            int exit = show(out, r, x);
            out.flush();
            return new LookupBatch.Outcome(sw.toString(), exit);
        }

        @Override
        public LookupBatch.Outcome unanswered(DigRequest r, List<InetSocketAddress> servers,
                                              NoServerReachedException e) {
            StringWriter sw = new StringWriter();
            PrintWriter out = new PrintWriter(sw);
            int exit = showFailure(out, r, servers, e);
            out.flush();
            return new LookupBatch.Outcome(sw.toString(), exit);
        }
    }

    /** A lookup {@link DnsBatch} can take: plain UDP to the servers, one name, nothing netkit adds. */
    private boolean plainUdp(DigRequest r) {
        return !r.trace && !r.tls && r.https == null && r.tsig == null && r.tsigFile == null && !validate
                && !r.options.tcp() && !r.search;
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

    /** One lookup, asked and shown: its text (or JSON) and exit code. */
    LookupBatch.Outcome lookup(DigRequest r, ResolvConf conf) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        int exit = ExitCode.OK;
        List<InetSocketAddress> servers = ServerChoice.servers(r.servers, r.port, r.ipv4, r.ipv6, conf,
                r.options.source());
        if (showBanner(r) && r.trace) {
            DigRenderer.banner(out, r.display());
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
                return new LookupBatch.Outcome(sw.toString(), exit);
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
        return new LookupBatch.Outcome(sw.toString(), exit);
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
                DigRenderer.banner(out, r.display());
            }
            DigRenderer.render(out, r.display(), x);
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
                DnsJsonRenderer.noServer(json, servers, e);
            }
        } else {
            DigRenderer.noServer(out, r.display(), r.options.tcp() && !r.tls && r.https == null, e, showBanner(r));
        }
        return NoServerReachedException.EXIT;
    }

    /** Plain DNS, or DNS over TLS (+tls) or HTTPS (+https) with the certificate checks they ask for. */
    static DnsClient client(DigRequest r) {
        DnsClient plain = new DnsClient(channel);
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
        Tracer tracer = new Tracer(new DnsClient(channel), r.options, r.port, r.ipv4, r.ipv6);
        JsonLines json = output.json ? new JsonLines(out) : null;
        tracer.trace(name, type, dclass, hints, step -> {
            DnsExchange x = step.exchange();
            if (json != null) {
                DnsJsonRenderer.response(json, "trace_step", x);
                json.field("server_name", step.serverName().toString()).field("final", step.last()).end();
                return;
            }
            DigRenderer.traceStep(out, step);
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
                return SearchList.candidates(conf, r.name);
            }
            return List.of(Name.fromString(r.name, Name.root));
        } catch (TextParseException e) {
            throw NetkitException.usage("'" + r.name + "' is not a valid domain name: " + e.getMessage());
        }
    }
}
