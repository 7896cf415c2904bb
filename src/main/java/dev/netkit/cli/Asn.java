package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.cli.render.AsnRenderer;
import dev.netkit.registry.AsnAnswer;
import dev.netkit.registry.AsnResolver;
import dev.netkit.registry.RegistryQuery;
import dev.netkit.system.IpLiteral;
import org.xbill.DNS.SimpleResolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit asn}: origin AS, prefix, registry, country, date and AS name from Team Cymru's DNS interface. */
@Command(name = "asn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Origin AS, prefix, registry and AS name of addresses (Team Cymru).",
                "Asks TXT records of origin.asn.cymru.com (origin6. for IPv6) and AS<n>.asn.cymru.com, as",
                "'trace --asn' does. Queries come from the arguments, or from -f FILE / standard input ('-')."},
        footer = {"", "Examples:", "  netkit asn 198.18.10.10 AS64510 2001:db8:10::/64 --zone origin.asn.netkit.test",
                "  printf '198.18.1.10\\n198.18.3.2\\n' | netkit asn --zone origin.asn.netkit.test -",
                "", "Exit: 0 every query answered, 1 none, 3 some, 9 the DNS server did not answer, 2 usage error."})
public final class Asn implements Callable<Integer> {
    /** Longest line read from a query file or standard input. */
    private static final int MAX_LINE = 1024;

    @Parameters(paramLabel = "QUERY", arity = "0..*",
            description = "An address, a prefix (its first address is asked), an AS number (AS64510), or '-' for stdin.")
    List<String> queries = new ArrayList<>();
    @Option(names = "--zone", paramLabel = "ZONE",
            description = "The origin zone (default origin.asn.cymru.com); AS names come from ZONE without 'origin.'.")
    String zone = "origin.asn.cymru.com";
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read queries from FILE, one a line ('-': stdin).")
    String file;
    @Option(names = {"-s", "--server"}, paramLabel = "ADDR", description = "Ask this DNS server instead of resolv.conf's.")
    String server;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "The server's port (default 53).")
    int port = 53;
    @Option(names = {"-w", "--timeout"}, paramLabel = "SECONDS", description = "Wait this long for each answer (default 5).")
    int timeout = 5;
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OptionRange.wholeSeconds(1, 60).check("-w", timeout);
        OptionRange.PORT.check("-p", port);
        List<RegistryQuery> parsed = new ArrayList<>();
        boolean stdin = file != null && file.equals("-") || queries.contains("-");
        for (String q : queries) {
            if (!q.equals("-")) {
                parsed.add(asnQuery(q));
            }
        }
        if (file != null && !file.equals("-")) {
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                parsed.addAll(read(r));
            } catch (java.nio.file.NoSuchFileException e) {
                throw NetkitException.usage("no such file: " + file);
            }
        }
        if (stdin) {
            parsed.addAll(read(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        if (parsed.isEmpty()) {
            throw NetkitException.usage("no query: give an address, a prefix or an AS number");
        }
        AsnResolver resolver = new AsnResolver(zone, resolver());
        AsnRenderer renderer = new AsnRenderer(spec.commandLine().getOut(), output.json);
        int found = 0;
        int unanswered = 0;
        String failure = null;
        for (RegistryQuery q : parsed) {
            List<AsnAnswer> rows = AsnAnswer.of(q, resolver);
            rows.forEach(renderer::row);
            found += rows.get(0).found() ? 1 : 0;
            if (!rows.get(0).answered()) {
                unanswered++;
                failure = rows.get(0).note();
            }
        }
        if (unanswered == parsed.size()) {
            throw new NetkitException(9, "no answer from the DNS server: " + failure);
        }
        return found == parsed.size() ? ExitCode.OK : found == 0 ? ExitCode.NEGATIVE : ExitCode.PARTIAL;
    }

    /** Queries of a file or stdin: one a line; blank lines, '#' comments and Cymru's begin/end/verbose skipped. */
    private static List<RegistryQuery> read(Reader in) throws IOException {
        List<RegistryQuery> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(in);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.length() > MAX_LINE) {
                throw NetkitException.usage("a query line of " + line.length() + " characters (" + MAX_LINE + " at most)");
            }
            String t = line.strip();
            int hash = t.indexOf('#');
            t = (hash >= 0 ? t.substring(0, hash) : t).strip();
            if (t.isEmpty() || t.equals("begin") || t.equals("end") || t.equals("verbose")) {
                continue;
            }
            out.add(asnQuery(t));
        }
        return out;
    }

    /** An address, a prefix or an AS number; a bare number is an AS as Team Cymru reads it. */
    static RegistryQuery asnQuery(String s) {
        String t = s.strip();
        RegistryQuery q = RegistryQuery.parse(t.matches("\\d{1,10}") ? "AS" + t : t);
        if (q.kind() != RegistryQuery.Kind.ADDRESS && q.kind() != RegistryQuery.Kind.PREFIX
                && q.kind() != RegistryQuery.Kind.AS) {
            throw NetkitException.usage("'" + TerminalText.escape(t) + "' is not an address, a prefix or an AS number");
        }
        return q;
    }

    private SimpleResolver resolver() {
        if (server == null) {
            org.xbill.DNS.Lookup.getDefaultResolver().setTimeout(Duration.ofSeconds(timeout));
            return null;
        }
        InetAddress a = IpLiteral.parseOrNull(server);
        if (a == null) {
            throw NetkitException.usage("-s " + TerminalText.escape(server) + ": give the server's address");
        }
        SimpleResolver r = new SimpleResolver(a);
        r.setPort(port);
        r.setTimeout(Duration.ofSeconds(timeout));
        return r;
    }
}
