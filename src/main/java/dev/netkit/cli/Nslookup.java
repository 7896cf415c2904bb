package dev.netkit.cli;

import dev.netkit.cli.render.DigRenderer;
import dev.netkit.cli.render.DnsJsonRenderer;
import dev.netkit.cli.render.ShortAnswerRenderer;
import dev.netkit.TerminalText;
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
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
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
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code netkit nslookup}: nslookup's layout and its interactive mode, on the dig engine. */
@Command(name = "nslookup", mixinStandardHelpOptions = true,
        description = {"Look up a name as nslookup does, or answer queries interactively.",
                "nslookup [-type=T] [-port=N] [NAME | -] [SERVER]",
                "With no NAME (or '-'), read commands from standard input: a name per line, 'set type=mx',",
                "'set port=N', 'server ADDR', 'exit'.",
                "Exit: 0 found, 1 not found or no server answered, 2 usage error."})
public final class Nslookup implements Callable<Integer> {
    @Mixin
    OutputMixin output;

    /** The wire of the queries: the kernel's sockets, or a test's script. */
    static DnsChannel channel = DnsChannel.KERNEL;

    @Option(names = "--resolv-conf", paramLabel = "FILE", hidden = true)
    Path resolvConf = ResolvConf.DEFAULT;

    @Unmatched
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private String type;
    private int port = 53;
    /** BIND's nslookup 9.18: 3 tries of 5 s, else resolv.conf's attempts:N and timeout:N, else -retry/-timeout. */
    private QueryOptions options = QueryOptions.DIG.withAuthenticData(false);
    private String server;
    private ResolvConf conf;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        conf = ResolvConf.load(resolvConf);
        options = options.withResolvConf(conf);
        List<String> positional = new ArrayList<>();
        for (String w : words) {
            if (w.startsWith("-") && w.length() > 1) {
                set(w.substring(1));
            } else {
                positional.add(w);
            }
        }
        if (positional.size() > 2) {
            throw NetkitException.usage("too many arguments: nslookup [-option...] [NAME | -] [SERVER]");
        }
        if (positional.size() == 2) {
            server = positional.get(1);
        }
        if (positional.isEmpty() || positional.get(0).equals("-")) {
            return interactive(out);
        }
        int code = lookup(out, positional.get(0));
        if (!output.json) {
            out.println();
        }
        out.flush();
        return code;
    }

    /** Reads commands until {@code exit} or the end of input; each name is looked up at once. */
    private int interactive(PrintWriter out) {
        boolean prompt = System.console() != null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int code = ExitCode.OK;
        try {
            while (true) {
                if (prompt) {
                    out.print("> ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                String[] w = line.trim().split("\\s+");
                if (w[0].isEmpty()) {
                    continue;
                }
                if (w[0].equals("exit")) {
                    break;
                }
                try {
                    switch (w[0]) {
                        case "set" -> {
                            if (w.length > 1) {
                                set(w[1]);
                            }
                        }
                        case "server", "lserver" -> {
                            if (w.length == 1 && !output.json) {
                                for (InetSocketAddress s : servers()) {
                                    out.println("Default server: " + DnsClient.hostText(s.getAddress()));
                                    out.println("Address: " + DnsClient.addressText(s));
                                }
                            }
                            if (w.length > 1) {
                                server = w[1];
                                InetSocketAddress s = servers().get(0);
                                if (!output.json) {
                                    out.println("Default server: " + TerminalText.escape(w[1]));
                                    out.println("Address: " + DnsClient.addressText(s));
                                    out.println();
                                }
                            }
                        }
                        default -> {
                            String saved = server;
                            if (w.length > 1) {
                                server = w[1];
                            }
                            code = lookup(out, w[0]);
                            server = saved;
                        }
                    }
                } catch (NetkitException e) {
                    out.println("*** " + TerminalText.escape(e.getMessage()));
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new NetkitException(1, "cannot read standard input: " + e.getMessage());
        }
        if (!output.json) {
            out.println();
        }
        out.flush();
        return code;
    }

    /** An nslookup option, given as {@code -type=mx} on the command line or {@code set type=mx} interactively. */
    private void set(String opt) {
        KeyValueOption kv = KeyValueOption.parse(opt);
        String key = kv.key();
        String value = kv.value();
        switch (key.toLowerCase(Locale.ROOT)) {
            case "type", "querytype", "query", "q", "ty" -> {
                if (value == null || Type.value(value.toUpperCase(Locale.ROOT)) < 0) {
                    throw NetkitException.usage("'" + value + "' is not a record type (type=mx, type=aaaa)");
                }
                type = value.toUpperCase(Locale.ROOT);
            }
            case "port", "po" -> port = OptionRange.PORT.check("-" + key, number(key, value));
            case "timeout", "ti" -> options = options.withTimeout(Duration.ofSeconds(
                    OptionRange.wholeSeconds(1, Integer.MAX_VALUE).check("-" + key, number(key, value))));
            case "retry", "ret" -> options = options.withTries(OptionRange.COUNT.check("-" + key, number(key, value)));
            case "vc" -> options = options.withTcp(true);
            case "novc" -> options = options.withTcp(false);
            case "recurse", "rec" -> options = options.withRecurse(true);
            case "norecurse", "norec" -> options = options.withRecurse(false);
            case "debug", "nodebug", "d2", "nod2", "search", "nosearch" -> {
            }
            default -> throw NetkitException.usage("unknown option '" + opt + "'");
        }
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw NetkitException.usage(key + " needs a number");
        }
    }

    private List<InetSocketAddress> servers() {
        return ServerChoice.servers(server == null ? List.of() : List.of(server), port, false, false, conf);
    }

    private int lookup(PrintWriter out, String name) {
        List<InetSocketAddress> servers = servers();
        boolean reverse = Host.isAddress(name);
        List<Name> candidates;
        try {
            candidates = reverse ? List.of(ReverseMap.fromAddress(name)) : SearchList.candidates(conf, name);
        } catch (TextParseException | java.net.UnknownHostException e) {
            throw NetkitException.usage("'" + name + "' is not a valid name or address");
        }
        List<Integer> types = type != null ? List.of(Type.value(type)) : reverse ? List.of(Type.PTR)
                : List.of(Type.A, Type.AAAA);
        JsonLines json = output.json ? new JsonLines(out) : null;
        // nslookup leaves out the server lines when it maps an address back without an explicit type, and prints
        // them only once a server answered (after the tries that failed)
        boolean serverShown = json != null || (reverse && type == null);
        DnsClient client = new DnsClient(channel);
        boolean headed = false;
        Set<String> printed = new HashSet<>();
        try {
            for (int t : types) {
                DnsExchange x = client.queryFirst(candidates, t, DClass.IN, servers, options);
                if (json == null) {
                    DigRenderer.failures(out, x.failures());
                }
                if (!serverShown) {
                    out.println("Server:\t\t" + DnsClient.hostText(x.server().getAddress()));
                    out.println("Address:\t" + DnsClient.addressText(x.server()));
                    out.println();
                    serverShown = true;
                }
                if (json != null) {
                    DnsJsonRenderer.response(json, "response", x);
                    json.end();
                }
                int rcode = x.response().getRcode();
                String asked = TerminalText.escape(x.response().getQuestion().getName().toString(true));
                if (rcode != Rcode.NOERROR) {
                    if (json == null) {
                        out.println("** server can't find " + asked + ": " + Rcode.string(rcode));
                    }
                    return ExitCode.NEGATIVE;
                }
                List<Record> answers = x.response().getSection(Section.ANSWER);
                // like the server lines, this heading is left out when an address is mapped back by default
                if (json == null && !answers.isEmpty() && !headed && !x.response().getHeader().getFlag(Flags.AA)
                        && !(reverse && type == null)) {
                    out.println("Non-authoritative answer:");
                }
                headed |= !answers.isEmpty();
                for (Record r : answers) {
                    String text = ShortAnswerRenderer.nslookup(r);
                    if (json == null && printed.add(text)) {
                        out.println(text);
                    }
                }
                if (type != null && answers.isEmpty() && json == null) {
                    out.println("*** Can't find " + asked + ": No answer");
                } else if (json == null && t != Type.A && t != Type.AAAA
                        && !x.response().getHeader().getFlag(Flags.AA)) {
                    // nslookup names the zone's servers after a non-authoritative answer of another type
                    out.println();
                    out.println("Authoritative answers can be found from:");
                    for (Record r : x.response().getSection(Section.AUTHORITY)) {
                        out.println(ShortAnswerRenderer.nslookup(r));
                    }
                    for (Record r : x.response().getSection(Section.ADDITIONAL)) {
                        if (r.getType() == Type.A) {
                            out.println(ShortAnswerRenderer.owner(r) + "\tinternet address = " + DnsClient.hostText(
                                    ((org.xbill.DNS.ARecord) r).getAddress()));
                        } else if (r.getType() == Type.AAAA) {
                            out.println(ShortAnswerRenderer.owner(r) + "\thas AAAA address " + DnsClient.hostText(
                                    ((org.xbill.DNS.AAAARecord) r).getAddress()));
                        } else if (r.getType() != Type.OPT) {
                            out.println(ShortAnswerRenderer.nslookup(r));
                        }
                    }
                }
            }
        } catch (NoServerReachedException e) {
            if (json != null) {
                DnsJsonRenderer.noServer(json, servers, e);
            } else {
                DigRenderer.failures(out, e.failures()); // as BIND's nslookup: each try, then the verdict
                // BIND 9.18's nslookup says this whether the tries timed out or were refused
                out.println(";; " + DnsClient.ROUND_FAILED);
            }
            return ExitCode.NEGATIVE;
        }
        return ExitCode.OK;
    }
}
