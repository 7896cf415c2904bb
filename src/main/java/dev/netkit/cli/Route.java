package dev.netkit.cli;

import dev.netkit.cli.render.RouteRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.system.RouteDecision;
import dev.netkit.system.RouteLookup;
import dev.netkit.route.RouteTableFile;
import dev.netkit.route.RouterGraph;
import dev.netkit.route.ShortestPath;
import dev.netkit.system.InterfaceTable;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.RouteEntry;
import dev.netkit.system.RouteTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit route}: the routing table, the route to one address and why, and shortest router paths. */
@Command(name = "route", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The routing table of this namespace, like ip route.",
                "Destination, gateway, interface, metric, source and flags of each route.",
                "'route get ADDR' shows the route the kernel picks and why; 'route path' runs Dijkstra on a graph file."},
        footer = {"", "Examples:", "  netkit route", "  netkit route get 198.18.10.10",
                "  netkit route get 198.18.10.10 --table docs/examples/routes.txt",
                "  netkit route path --graph docs/examples/routers.json R1 R4"})
public final class Route implements Callable<Integer> {
    @Option(names = {"-4"}, description = "IPv4 routes only.")
    boolean only4;
    @Option(names = {"-6"}, description = "IPv6 routes only.")
    boolean only6;
    @Option(names = {"-a", "--all-tables"}, description = "Every table (local, main, default, ...), not only main.")
    boolean allTables;
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (only4 && only6) {
            throw NetkitException.usage("-4 and -6 exclude each other");
        }
        List<RouteEntry> routes = RouteTable.read(!only6, !only4).stream()
                .filter(r -> allTables || r.table().equals("main")).toList();
        if (output.json) {
            RouteRenderer.tableJson(spec.commandLine().getOut(), routes);
        } else {
            new RouteRenderer(output.color()).table(spec.commandLine().getOut(), routes, allTables);
        }
        return ExitCode.OK;
    }

    /** {@code netkit route get ADDR [--table FILE]}. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Show the route a packet to ADDR takes, and why.",
                    "Every matching route with its prefix length and metric,",
                    "the winner (longest prefix, then lowest metric), the source address and the next hop.",
                    "With --table, look up in a routing table written in a file instead of the kernel's."})
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ADDR", description = "An IPv4 or IPv6 address.")
        String address;
        @Option(names = "--table", paramLabel = "FILE",
                description = "Lines 'PREFIX [via GW] [dev IF] [metric N] [src ADDR]' (teaching mode, no kernel).")
        Path tableFile;
        @Mixin
        OutputMixin output;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            InetAddress dst = IpLiteral.parse(address, "route get takes an address, not a name");
            RouteDecision d;
            if (tableFile != null) {
                List<RouteEntry> routes = RouteTableFile.parse(readFile(tableFile), tableFile.toString());
                d = new RouteLookup(routes, List.of("main"), List.of()).lookup(dst);
            } else {
                boolean v6 = dst.getAddress().length == 16;
                d = new RouteLookup(RouteTable.read(!v6, v6), RouteTable.readRuleTables(v6),
                        new InterfaceTable().read(null)).lookup(dst);
            }
            if (output.json) {
                RouteRenderer.decisionJson(spec.commandLine().getOut(), d);
            } else {
                new RouteRenderer(output.color()).decision(spec.commandLine().getOut(), d);
            }
            if (d.winner() == null) {
                spec.commandLine().getErr().println("netkit route get: no route to " + IpLiteral.format(dst));
                return ExitCode.NEGATIVE;
            }
            if (d.winner().rejects()) {
                spec.commandLine().getErr().println("netkit route get: the route to " + IpLiteral.format(dst)
                        + " is " + d.winner().type());
                return ExitCode.NEGATIVE;
            }
            return ExitCode.OK;
        }
    }

    /** {@code netkit route path --graph FILE SRC DST}. */
    @Command(name = "path", mixinStandardHelpOptions = true,
            description = {"Find the shortest router path over a graph of routers.",
                    "The shortest router path from SRC to DST over a JSON graph of routers and connections,",
                    "by Dijkstra's algorithm with each connection's \"ad\" as its weight (default 110).",
                    "SRC and DST are router names or addresses inside a router's networks (see docs/route.md)."})
    static final class PathCommand implements Callable<Integer> {
        @Option(names = "--graph", required = true, paramLabel = "FILE", description = "The graph (JSON).")
        Path graphFile;
        @Parameters(index = "0", paramLabel = "SRC", description = "Start router (name or address).")
        String src;
        @Parameters(index = "1", paramLabel = "DST", description = "Destination router (name or address).")
        String dst;
        @Option(names = "--table-all", description = "Also print the distance to every router (the SPF table).")
        boolean spfTable;
        @Mixin
        OutputMixin output;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RouterGraph g = RouterGraph.parse(readFile(graphFile), graphFile.toString());
            String from = g.resolve(src);
            String to = g.resolve(dst);
            ShortestPath.Tree tree = ShortestPath.from(g, from);
            if (output.json) {
                RouteRenderer.pathJson(spec.commandLine().getOut(), tree, to, spfTable);
            } else {
                new RouteRenderer(output.color()).path(spec.commandLine().getOut(), tree, to, spfTable);
            }
            if (!tree.reaches(to)) {
                spec.commandLine().getErr().println("netkit route path: no path from " + from + " to " + to);
                return ExitCode.NEGATIVE;
            }
            return ExitCode.OK;
        }
    }

    static String readFile(Path p) {
        try {
            return Files.readString(p);
        } catch (NoSuchFileException e) {
            throw NetkitException.usage("no such file: " + p);
        } catch (IOException e) {
            throw NetkitException.usage("cannot read " + p + ": " + e.getMessage());
        }
    }
}
