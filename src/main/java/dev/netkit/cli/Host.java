package dev.netkit.cli;

import dev.netkit.cli.render.DnsJsonRenderer;
import dev.netkit.cli.render.ShortAnswerRenderer;
import dev.netkit.TerminalText;
import dev.netkit.cli.render.DigDisplay;
import dev.netkit.cli.render.DigRenderer;
import dev.netkit.cli.render.JsonLines;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.dns.DnsClient;
import dev.netkit.dns.DnsExchange;
import dev.netkit.dns.NoServerReachedException;
import dev.netkit.dns.QueryOptions;
import dev.netkit.dns.DnsChannel;
import dev.netkit.dns.SearchList;
import dev.netkit.dns.ServerChoice;
import dev.netkit.system.ResolvConf;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code netkit host}: BIND host's short answers on the dig engine. */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = {"Look up a name or an address, one line per record, as host does.",
                "Exit: 0 found, 1 not found (NXDOMAIN, SERVFAIL, no answer) or no server answered, 2 usage error."})
public final class Host implements Callable<Integer> {
    @Mixin
    OutputMixin output;

    @Parameters(index = "0", paramLabel = "NAME", description = "A name, or an address to map back to its name.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SERVER", description = "The server to ask (default: resolv.conf's).")
    String server;

    @Option(names = "-t", paramLabel = "TYPE", description = "Record type (default: A, AAAA and MX; PTR for an address).")
    String type;

    @Option(names = "-c", paramLabel = "CLASS", description = "Class (default IN).")
    String dclass = "IN";

    @Option(names = "-v", description = "Verbose: the whole response, as dig shows it.")
    boolean verbose;

    @Option(names = "-a", description = "All: an ANY query, verbose.")
    boolean all;

    @Option(names = "-r", description = "No recursion.")
    boolean norecurse;

    @Option(names = "-T", description = "TCP.")
    boolean tcp;

    @Option(names = "-4", description = "IPv4 transport only.")
    boolean ipv4;

    @Option(names = "-6", description = "IPv6 transport only.")
    boolean ipv6;

    @Option(names = "-p", paramLabel = "PORT", description = "Server port (default 53).")
    int port = 53;

    @Option(names = "-W", paramLabel = "SECONDS",
            description = "Wait this long for an answer (default: resolv.conf's options timeout:N, else 5).")
    Integer wait;

    @Option(names = "-R", paramLabel = "N",
            description = "UDP retries (default 1): N + 1 tries, at least 2, as BIND's host 9.18.")
    int retries = 1;

    /** The wire of the queries: the kernel's sockets, or a test's script. */
    static DnsChannel channel = DnsChannel.KERNEL;

    @Option(names = "--resolv-conf", paramLabel = "FILE", hidden = true)
    Path resolvConf = ResolvConf.DEFAULT;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OptionRange.PORT.check("-p", port);
        if (wait != null) {
            OptionRange.wholeSeconds(1, Integer.MAX_VALUE).check("-W", wait);
        }
        PrintWriter out = spec.commandLine().getOut();
        ResolvConf conf = ResolvConf.load(resolvConf);
        List<InetSocketAddress> servers = ServerChoice.servers(server == null ? List.of() : List.of(server), port,
                ipv4, ipv6, conf);
        QueryOptions o = QueryOptions.DIG.withEdns(false).withAuthenticData(false).withRecurse(!norecurse)
                .withTcp(tcp).withTimeout(Duration.ofSeconds(Math.max(1, timeout(conf))))
                .withTries(Math.max(2, retries + 1));
        boolean reverse = isAddress(name);
        List<Name> candidates = candidates(conf, reverse);
        List<Integer> types = types(reverse);
        int dc = DClass.value(dclass.toUpperCase(Locale.ROOT));
        if (dc < 0) {
            throw NetkitException.usage("'" + dclass + "' is not a class (IN, CH, HS)");
        }
        boolean verb = verbose || all;
        boolean serverShown = false;
        DnsClient client = new DnsClient(channel);
        JsonLines json = output.json ? new JsonLines(out) : null;
        try {
            for (int i = 0; i < types.size(); i++) {
                int t = types.get(i);
                if (verb && !output.json) {
                    out.println("Trying \"" + TerminalText.escape(candidates.get(0).toString(true)) + "\"");
                }
                DnsExchange x = client.queryFirst(candidates, t, dc, servers, o);
                if (!output.json) {
                    DigRenderer.failures(out, x.failures()); // the tries that failed, as BIND's host prints them
                }
                // BIND's host names the server once it answered
                if (server != null && !serverShown && !output.json) {
                    serverBlock(out, x.server());
                    serverShown = true;
                }
                if (json != null) {
                    DnsJsonRenderer.response(json, "response", x);
                    json.end();
                }
                int rcode = x.response().getRcode();
                if (rcode != Rcode.NOERROR) {
                    if (!output.json) {
                        if (verb) {
                            verbose(out, x);
                        }
                        out.println("Host " + TerminalText.escape(name) + " not found: " + rcode + "("
                                + Rcode.string(rcode) + ")");
                    }
                    return ExitCode.NEGATIVE;
                }
                if (!output.json) {
                    if (verb) {
                        verbose(out, x);
                    } else {
                        brief(out, x, t, i == 0, type != null);
                    }
                }
                // after the first answer, host asks the canonical name directly
                Name canonical = canonical(x);
                if (canonical != null) {
                    candidates = List.of(canonical);
                } else if (i == 0) {
                    candidates = List.of(x.response().getQuestion().getName());
                }
            }
        } catch (NoServerReachedException e) {
            if (json != null) {
                DnsJsonRenderer.noServer(json, servers, e);
            } else {
                DigRenderer.failures(out, e.failures());
                out.println(";; " + DnsClient.ROUND_FAILED); // BIND 9.18's host: timed out or refused alike
            }
            return ExitCode.NEGATIVE;
        }
        out.flush();
        return ExitCode.OK;
    }

    private void brief(PrintWriter out, DnsExchange x, int t, boolean first, boolean explicitType) {
        List<Record> answers = x.response().getSection(Section.ANSWER);
        boolean any = false;
        for (Record r : answers) {
            if (r.getType() == Type.CNAME && !first) {
                continue;
            }
            out.println(ShortAnswerRenderer.host(r));
            any |= r.getType() == t || t == Type.ANY;
        }
        if (!any && explicitType) {
            out.println(TerminalText.escape(x.response().getQuestion().getName().toString(true)) + " has no "
                    + Type.string(t) + " record");
        }
    }

    private static void verbose(PrintWriter out, DnsExchange x) {
        DigRenderer.message(out, DigDisplay.HOST_VERBOSE, x.response(), false);
        out.println("Received " + x.messageSize() + " bytes from " + DnsClient.addressText(x.server()) + " in "
                + x.queryTimeMs() + " ms");
    }

    static void serverBlock(PrintWriter out, InetSocketAddress s) {
        out.println("Using domain server:");
        out.println("Name: " + DnsClient.hostText(s.getAddress()));
        out.println("Address: " + DnsClient.addressText(s));
        out.println("Aliases: ");
        out.println();
    }

    private static Name canonical(DnsExchange x) {
        Name last = null;
        for (Record r : x.response().getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord c) {
                last = c.getTarget();
            }
        }
        return last;
    }

    private List<Integer> types(boolean reverse) {
        if (all) {
            return List.of(Type.ANY);
        }
        if (type != null) {
            int t = Type.value(type.toUpperCase(Locale.ROOT));
            if (t < 0) {
                throw NetkitException.usage("'" + type + "' is not a record type (-t A, -t MX, -t TYPE65)");
            }
            return List.of(t);
        }
        return reverse ? List.of(Type.PTR) : List.of(Type.A, Type.AAAA, Type.MX);
    }

    /** BIND's host 9.18 takes resolv.conf's timeout:N unless -W is given; its attempts:N it ignores (-R only). */
    private int timeout(ResolvConf conf) {
        return wait != null ? wait : conf.timeout() > 0 ? conf.timeout() : 5;
    }

    private List<Name> candidates(ResolvConf conf, boolean reverse) {
        try {
            if (reverse) {
                return List.of(ReverseMap.fromAddress(name));
            }
            return new ArrayList<>(SearchList.candidates(conf, name));
        } catch (TextParseException | java.net.UnknownHostException e) {
            throw NetkitException.usage("'" + name + "' is not a valid name or address");
        }
    }

    static boolean isAddress(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }
}
