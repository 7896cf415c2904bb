package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.cli.render.WhoisRenderer;
import dev.netkit.registry.RegistryQuery;
import dev.netkit.registry.WhoisAnswer;
import dev.netkit.registry.WhoisLookup;
import dev.netkit.registry.WhoisServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code netkit whois}: who holds a domain, an address block, an AS or a handle (RFC 3912), following referrals. */
@Command(name = "whois", sortOptions = false,
        description = {"Who holds a domain, address block or AS (whois, RFC 3912).",
                "Starts at whois.iana.org (or -h HOST) and follows refer:, whois:, ReferralServer: and %% referto:",
                "from any server, up to 5 servers; a loop stops at once. Each server's text is printed with its",
                "control characters escaped, at most 1 MiB of it."},
        footer = {"", "Examples:", "  netkit whois -h iana.netkit.test 198.18.10.10",
                "  netkit whois -h whois.netkit.test --no-referral AS64510",
                "  netkit whois --json -h iana.netkit.test netkit.test",
                "", "Exit: 0 answered, 3 a referral failed or an answer was cut short, 9 no server answered,",
                "2 usage error."})
public final class Whois implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;
    // whois's own --version; -V is not taken from it (no standard help mixin: -h is the server, as in whois)
    @Option(names = "--version", versionHelp = true, description = "Print version information and exit.")
    boolean version;
    @Parameters(index = "0", paramLabel = "QUERY",
            description = "A domain, an address, a prefix, an AS number (AS64510) or a handle.")
    String query;
    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Start at this server (referrals are still followed).")
    String host;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "The first server's port (default 43).")
    Integer port;
    @Option(names = "--no-referral", description = "Ask the first server only.")
    boolean noReferral;
    @Option(names = "-r", description = "RIPE-family servers: no recursive lookups of contact objects (RIPE's -r).")
    boolean noContacts;
    @Mixin
    RegistryTimeoutMixin timeout;
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Duration wait = timeout.checked();
        OptionRange.PORT.checkIfGiven("-p", port);
        RegistryQuery q = RegistryQuery.parse(query);
        WhoisServer first = host != null ? WhoisServer.parse(host, port == null ? 43 : port)
                : port != null ? new WhoisServer(WhoisServer.start(q).host(), port) : WhoisServer.start(q);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WhoisRenderer renderer = new WhoisRenderer(out, output.json);
        WhoisLookup lookup = new WhoisLookup(wait, !noReferral, noContacts);
        WhoisLookup.Walk walk = lookup.walk(q, first, a -> {
            renderer.answer(a);
            if (a.truncated()) {
                warn(err, a.server() + ": answer over " + WhoisLookup.MAX_BYTES + " bytes (1 MiB): cut off there");
            }
            boolean fatal = a.error() != null && a.text().isEmpty() && a.server().equals(first);
            if (a.error() != null && !output.json && !fatal) {
                warn(err, a.server() + ": " + a.error());
            }
        });
        if (walk.note() != null) {
            renderer.note(walk.note());
            if (!output.json) {
                warn(err, walk.note());
            }
        }
        out.flush();
        boolean anyText = walk.answers().stream().anyMatch(a -> !a.text().isEmpty());
        if (!anyText && walk.answers().stream().allMatch(a -> a.error() != null)) {
            WhoisAnswer a = walk.answers().get(0);
            throw new NetkitException(9, "no answer from " + a.server() + ": " + a.error());
        }
        boolean partial = walk.note() != null
                || walk.answers().stream().anyMatch(a -> a.error() != null || a.truncated());
        return partial ? ExitCode.PARTIAL : ExitCode.OK;
    }

    private static void warn(PrintWriter err, String message) {
        err.println("netkit whois: " + TerminalText.escape(message));
        err.flush();
    }
}
