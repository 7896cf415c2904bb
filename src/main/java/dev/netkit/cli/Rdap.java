package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.cli.render.RdapRenderer;
import dev.netkit.registry.RdapBootstrap;
import dev.netkit.registry.RdapClient;
import dev.netkit.registry.RegistryQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit rdap}: who holds a domain, an address block or an AS, over RDAP (RFC 9082/9083). */
@Command(name = "rdap", sortOptions = false, versionProvider = Rdap.Version.class, mixinStandardHelpOptions = true,
        description = {"Who holds a domain, address block or AS (RDAP, RFC 9083).",
                "The server comes from IANA's bootstrap registries (RFC 9224; a copy ships in the jar, its date",
                "in --version) or --server; up to 5 redirects are followed. Prints the handle, name, status,",
                "events, entities (abuse contact first), name servers, DS, network range and remarks."},
        footer = {"", "Examples:", "  netkit rdap --ca /run/netkit/labs/nk/server/nginx/cert.pem 198.18.10.10",
                "  netkit rdap --server http://rdap.netkit.test/rdap/ AS64510",
                "  netkit rdap --json --server http://rdap.netkit.test/rdap/ netkit.test",
                "", "Exit: 0 answered, 1 the server said no (an RDAP error object), 2 usage error,",
                "9 no server answered."})
public final class Rdap implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "QUERY",
            description = "A domain, an address, a prefix, an AS number (AS64510), or a handle (with --server).")
    String query;
    @Option(names = "--server", paramLabel = "URL", description = "Ask this RDAP base URL instead of the bootstrap's.")
    String server;
    @Option(names = "--bootstrap", paramLabel = "FILE",
            description = "An RFC 9224 bootstrap file instead of the shipped copy (repeatable; kinds may mix).")
    List<Path> bootstrap;
    @Option(names = "--ca", paramLabel = "FILE", description = "Trust only the CA certificates of this PEM file.")
    Path ca;
    @Mixin
    RegistryTimeoutMixin timeout;
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Duration wait = timeout.checked();
        RegistryQuery q = RegistryQuery.parse(query);
        URI base = server != null ? base(server) : bootstrap().serverFor(q).orElseThrow(() -> NetkitException.usage(
                "no RDAP server is known for '" + TerminalText.escape(q.text()) + "' in the bootstrap: give --server"));
        RdapClient client = new RdapClient(wait, ca == null ? null : TrustedCertificates.context(ca));
        RdapClient.Answer a = client.get(RdapClient.url(base, q));
        PrintWriter out = spec.commandLine().getOut();
        if (a.object() == null) {
            throw new NetkitException(a.unreachable() ? 9 : ExitCode.NEGATIVE,
                    TerminalText.escape(a.server() + ": " + a.error()));
        }
        if (output.json || !a.failed()) {
            new RdapRenderer(out, output.json).answer(a);
        }
        if (a.failed()) {
            String why = a.object().containsKey("errorCode") ? RdapRenderer.error(a.object()) : "HTTP " + a.status();
            PrintWriter err = spec.commandLine().getErr();
            err.println("netkit rdap: " + TerminalText.escape(a.server().toString()) + ": " + why);
            err.flush();
            return ExitCode.NEGATIVE;
        }
        return ExitCode.OK;
    }

    private RdapBootstrap bootstrap() {
        if (bootstrap == null || bootstrap.isEmpty()) {
            return RdapBootstrap.shipped();
        }
        List<String> texts = bootstrap.stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw NetkitException.usage("cannot read " + p + ": " + e.getMessage());
            }
        }).toList();
        return RdapBootstrap.parse(texts, String.join(", ", bootstrap.stream().map(Path::toString).toList()));
    }

    private static URI base(String url) {
        try {
            URI u = new URI(url.endsWith("/") ? url : url + "/");
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                throw NetkitException.usage("--server " + TerminalText.escape(url) + ": give an http(s):// URL");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw NetkitException.usage("--server " + TerminalText.escape(url) + ": not a URL");
        }
    }

    /** --version: netkit's, and the date of the bootstrap copy in the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String[] v = new Netkit.Version().getVersion();
            return new String[] {v[0], v[1], "RDAP bootstrap (shipped): published " + RdapBootstrap.shippedPublication()};
        }
    }
}
