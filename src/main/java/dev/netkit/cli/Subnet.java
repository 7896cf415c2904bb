package dev.netkit.cli;

import dev.netkit.cli.render.JsonLines;
import dev.netkit.cli.render.SubnetRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;
import dev.netkit.address.Cidr;
import dev.netkit.subnet.CidrMerger;
import dev.netkit.address.IpAddress;
import dev.netkit.subnet.SubnetInfo;
import dev.netkit.subnet.Vlsm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit subnet}: the IPv4/IPv6 subnet calculator (engine in {@code dev.netkit.subnet}). */
@Command(name = "subnet", mixinStandardHelpOptions = true,
        description = {"IPv4/IPv6 subnet calculator: masks, hosts, types, split, merge.",
                "Shows an address's network, netmask, wildcard, broadcast, first and last host, host count,",
                "address type and reverse zone, with the network|host split in binary (like ipcalc).",
                "Subcommands split networks (equal or VLSM), merge prefix lists, turn ranges into prefixes,",
                "test membership and build EUI-64 addresses."},
        footerHeading = "%nExamples:%n",
        footer = {"  netkit subnet 192.0.2.130/26",
                "  netkit subnet 129.133.178.53 255.255.240.0",
                "  netkit subnet 2001:db8::1/64 --expand",
                "  netkit subnet 0xc633640a",
                "  netkit subnet split 198.18.0.0/24 --hosts 50,20,10",
                "  printf '198.18.0.0/25\\n198.18.0.128/25\\n' | netkit subnet merge"})
public final class Subnet implements Callable<Integer> {

    @Parameters(arity = "0..2", paramLabel = "ADDRESS[/PREFIX]",
            description = {"An address with /prefix length or /netmask (192.0.2.130/26, 192.0.2.130/255.255.255.192),",
                    "or an address and a netmask as two words. A bare address is a /32 or /128.",
                    "An IPv4 address may be one 32-bit number: 3325256714, 0xc633640a."})
    public List<String> words = new ArrayList<>();

    @Option(names = {"-x", "--expand"}, description = "Print IPv6 addresses in full (2001:0db8:0000:...).")
    boolean expand;

    @Mixin
    OutputMixin output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (words.isEmpty()) {
            throw NetkitException.usage("give an address, like 'netkit subnet 192.0.2.130/26' (or see 'netkit help subnet')");
        }
        Cidr cidr = parseInfoArgs(words);
        SubnetInfo info = SubnetInfo.of(cidr);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            try (JsonLines json = new JsonLines(out)) {
                SubnetRenderer.json(info, expand, json);
            }
        } else {
            SubnetRenderer.text(info, expand, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** {@code ADDR[/P]} or {@code ADDR NETMASK}. */
    static Cidr parseInfoArgs(List<String> words) {
        if (words.size() == 2) {
            if (words.get(0).indexOf('/') >= 0) {
                throw NetkitException.usage("'" + words.get(0) + "' already has a prefix, so '" + words.get(1)
                        + "' is one word too many");
            }
            return Cidr.parse(words.get(0), words.get(1));
        }
        return Cidr.parse(words.get(0));
    }

    /** The options of the subcommands that print prefixes: {@code -x/--expand}, {@code --json}, {@code --no-color}. */
    public static final class PrefixOutput {
        @Option(names = {"-x", "--expand"}, description = "Print IPv6 addresses in full.")
        boolean expand;

        @Mixin
        OutputMixin output;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** A JSON writer on {@link #out()} under {@code --json}, else null. */
        JsonLines jsonLines() {
            return output.json ? new JsonLines(out()) : null;
        }

        /** One prefix as a JSON record when {@code json} is set, else as a line of text. */
        void print(Cidr c, JsonLines json) {
            if (json != null) {
                SubnetRenderer.subnetJson(json, c, expand);
            } else {
                out().println(SubnetRenderer.format(c, expand));
            }
        }
    }

    /** {@code netkit subnet split CIDR --prefix N | --hosts A,B,C}. */
    @Command(name = "split", mixinStandardHelpOptions = true,
            description = {"Split a network into equal subnets, or VLSM ones for host counts.",
                    "--prefix N gives every subnet of length N in order; --hosts 50,20,10 gives each count the",
                    "smallest subnet that fits, largest first, packed from the start of the network (VLSM)."})
    public static final class Split implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CIDR", description = "The network to split, e.g. 198.18.0.0/24.")
        String network;

        @Option(names = {"-p", "--prefix"}, paramLabel = "N", description = "Length of the equal subnets, e.g. 26.")
        Integer prefix;

        @Option(names = {"-H", "--hosts"}, paramLabel = "N", split = ",",
                description = "Host counts for VLSM, e.g. 50,20,10.")
        List<String> hosts;

        @Mixin
        PrefixOutput output;

        @Override
        public Integer call() {
            Cidr cidr = Cidr.parse(network);
            if ((prefix == null) == (hosts == null)) {
                throw NetkitException.usage("give exactly one of --prefix N or --hosts N,N,...");
            }
            PrintWriter out = output.out();
            JsonLines json = output.jsonLines();
            if (prefix != null) {
                // the one range check of every command's numbers: from the network's own prefix to the family's bits
                OptionRange.whole(cidr.prefix(), cidr.address().bits()).check("--prefix", prefix);
                cidr.split(prefix, c -> output.print(c, json));
            } else {
                List<Long> counts = new ArrayList<>();
                for (String h : hosts) {
                    try {
                        counts.add(Long.parseLong(h.strip()));
                    } catch (NumberFormatException e) {
                        throw NetkitException.usage("'" + h + "' is not a host count: give numbers like --hosts 50,20,10");
                    }
                }
                List<Vlsm.Allocation> plan = Vlsm.allocate(cidr, counts);
                if (json != null) {
                    for (Vlsm.Allocation a : plan) {
                        SubnetRenderer.allocationJson(json, a, output.expand);
                    }
                } else {
                    SubnetRenderer.vlsmTable(plan, output.expand, out);
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code netkit subnet merge [CIDR...]}. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Merge prefixes into the fewest that cover the same addresses.",
                    "Reads one prefix per line from stdin when none are given (blank lines and # comments are",
                    "skipped; host bits are cleared). IPv4 comes first, then IPv6."})
    public static final class Merge implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "CIDR", description = "Prefixes to merge (default: stdin).")
        List<String> prefixes = new ArrayList<>();

        @Mixin
        PrefixOutput output;

        /** Where stdin comes from; tests replace it. */
        static InputStream stdin = System.in;

        @Override
        public Integer call() {
            CidrMerger merger = new CidrMerger();
            if (prefixes.isEmpty()) {
                merger.addLines(stdin);
            } else {
                for (String p : prefixes) {
                    merger.add(Cidr.parse(p));
                }
            }
            CidrMerger.Result r = merger.merge();
            PrintWriter out = output.out();
            JsonLines json = output.jsonLines();
            if (json != null) {
                for (Cidr c : r.all()) {
                    output.print(c, json);
                }
            } else {
                SubnetRenderer.cidrLines(r, output.expand, out);
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code netkit subnet range A-B}. */
    @Command(name = "range", mixinStandardHelpOptions = true,
            description = "Turn an address range A-B (inclusive) into the fewest prefixes.")
    public static final class Range implements Callable<Integer> {
        @Parameters(arity = "1..3", paramLabel = "A-B",
                description = "The range: 198.18.0.5-198.18.0.20, or A - B, or A B.")
        List<String> words;

        @Mixin
        PrefixOutput output;

        @Override
        public Integer call() {
            String joined = String.join(" ", words).strip();
            List<String> ends = new ArrayList<>(words);
            if (words.size() == 1) {
                int dash = joined.indexOf('-');
                ends = dash < 0 ? List.of() : List.of(joined.substring(0, dash), joined.substring(dash + 1));
            } else {
                ends.remove("-");
            }
            if (ends.size() != 2) {
                throw NetkitException.usage("'" + joined + "' is not a range: write A-B, e.g. 198.18.0.5-198.18.0.20");
            }
            List<Cidr> cidrs = Cidr.range(IpAddress.parse(ends.get(0)), IpAddress.parse(ends.get(1)));
            PrintWriter out = output.out();
            JsonLines json = output.jsonLines();
            for (Cidr c : cidrs) {
                output.print(c, json);
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code netkit subnet contains CIDR ADDR...}: exit 0 when every address is inside, else 1. */
    @Command(name = "contains", mixinStandardHelpOptions = true,
            description = {"Test whether addresses (or prefixes) are inside a network.",
                    "Exit 0 when all are inside, 1 when any is not."})
    public static final class Contains implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CIDR", description = "The network, e.g. 198.18.1.0/24.")
        String network;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "ADDR", description = "Addresses or prefixes to test.")
        List<String> addresses;

        @Option(names = {"-q", "--quiet"}, description = "Print nothing; only the exit code tells.")
        boolean quiet;

        @Mixin
        OutputMixin output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Cidr net = Cidr.parse(network).normalized();
            List<Cidr> items = new ArrayList<>();
            for (String a : addresses) {
                items.add(Cidr.parse(a));
            }
            PrintWriter out = spec.commandLine().getOut();
            JsonLines json = output.json && !quiet ? new JsonLines(out) : null;
            boolean all = true;
            for (Cidr c : items) {
                boolean inside = net.contains(c);
                all &= inside;
                String what = c.prefix() == c.address().bits() ? c.address().toString() : c.normalized().toString();
                if (json != null) {
                    json.begin("contains").field("network", net.toString()).field("address", what)
                            .field("inside", inside).end();
                } else if (!quiet) {
                    out.println(what + (inside ? " is in " : " is not in ") + net);
                }
            }
            out.flush();
            return all ? ExitCode.OK : ExitCode.NEGATIVE;
        }
    }

    /** {@code netkit subnet eui64 MAC [--prefix P]}. */
    @Command(name = "eui64", mixinStandardHelpOptions = true,
            description = {"The IPv6 address a MAC gets by modified EUI-64 (RFC 4291).",
                    "Link-local (fe80::/64) unless --prefix gives another /64."})
    public static final class Eui64 implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MAC",
                description = "00:0c:29:04:23:4c, 00-0c-29-04-23-4c or 000c.2904.234c.")
        String mac;

        @Option(names = {"-p", "--prefix"}, paramLabel = "PREFIX", defaultValue = "fe80::/64",
                description = "The /64 (or shorter) prefix, default ${DEFAULT-VALUE}.")
        String prefix;

        @Option(names = {"-x", "--expand"}, description = "Print the address in full.")
        boolean expand;

        @Mixin
        OutputMixin output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            MacAddress m = dev.netkit.subnet.Eui64.parseMac(mac);
            Cidr p = Cidr.parse(prefix.indexOf('/') < 0 ? prefix + "/64" : prefix);
            IpAddress a = dev.netkit.subnet.Eui64.address(m, p);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                new JsonLines(out).begin("eui64").field("mac", m.toString()).field("prefix", p.normalized().toString())
                        .field("interface_id", SubnetRenderer.interfaceId(m.interfaceId()))
                        .field("address", SubnetRenderer.format(a, expand)).end();
            } else {
                out.println(SubnetRenderer.format(a, expand));
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
