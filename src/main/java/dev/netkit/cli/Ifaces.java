package dev.netkit.cli;

import dev.netkit.TerminalText;
import dev.netkit.cli.render.InterfaceRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.system.InterfaceTable;
import dev.netkit.system.LinkSettings;
import dev.netkit.system.NetInterface;
import dev.netkit.system.ResolvConf;
import dev.netkit.system.RouteEntry;
import dev.netkit.system.RouteTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code netkit ifaces}: interfaces, their addresses and counters, like ip addr / ipconfig /all. */
@Command(name = "ifaces", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Network interfaces, their addresses and counters, like ip addr.",
                "Index, state, flags, MTU, MAC, IPv4 and IPv6 addresses and RX/TX counters of this namespace.",
                "(from the kernel's rtnetlink dumps and /sys/class/net).",
                "With NAME, also the link's speed, duplex and autonegotiation, as ethtool shows them."},
        footer = {"", "Examples:", "  netkit ifaces", "  netkit ifaces eth0 --watch 1", "  netkit ifaces --all",
                "  netkit ifaces -s"})
public final class Ifaces implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this interface.")
    String name;
    @Option(names = {"-s", "--short"}, description = "One line per interface: name, state, MTU, addresses.")
    boolean brief;
    @Option(names = {"-a", "--all"}, description = "Also the host name, DNS servers, search list and default gateways.")
    boolean all;
    @Option(names = "--watch", paramLabel = "SECS", description = "Print rates per second every SECS seconds until interrupted.")
    Double watch;
    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N intervals.")
    Integer count;
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (watch != null) {
            OptionRange.positiveSeconds(3600).check("--watch", watch);
        }
        if (count != null) {
            OptionRange.COUNT.check("--count", count);
        }
        InterfaceTable table = new InterfaceTable();
        List<NetInterface> ifaces = table.read(name);
        if (name != null && ifaces.isEmpty()) {
            throw new NetkitException(ExitCode.NEGATIVE, "no interface named '" + TerminalText.escape(name) + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        InterfaceRenderer text = new InterfaceRenderer(output.color());
        if (watch != null) {
            int rounds = count == null ? Integer.MAX_VALUE : count;
            List<NetInterface> before = ifaces;
            long t0 = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                Thread.sleep((long) (watch * 1000));
                List<NetInterface> now = table.refresh(before);
                long t1 = System.nanoTime();
                double secs = (t1 - t0) / 1e9;
                if (output.json) {
                    InterfaceRenderer.ratesJson(out, before, now, secs);
                } else {
                    text.rates(out, before, now, secs, round == 0);
                }
                out.flush();
                before = now;
                t0 = t1;
            }
            return ExitCode.OK;
        }
        if (all) {
            List<RouteEntry> defaults = RouteTable.read(true, true).stream()
                    .filter(r -> r.table().equals("main") && r.dst().prefix() == 0 && r.gateway() != null).toList();
            String host = hostname();
            ResolvConf rc = ResolvConf.load();
            if (output.json) {
                InterfaceRenderer.hostJson(out, host, rc, defaults);
            } else {
                text.host(out, host, rc, defaults);
            }
        }
        if (output.json) {
            InterfaceRenderer.json(out, ifaces, links(ifaces));
        } else if (brief) {
            text.brief(out, ifaces);
        } else if (name != null) {
            text.full(out, ifaces, links(ifaces)); // ip addr has no speed line, so only the one-interface view has it
        } else {
            text.full(out, ifaces);
        }
        return ExitCode.OK;
    }

    /** ethtool's link settings of the interfaces whose drivers have them. */
    private static Map<String, LinkSettings> links(List<NetInterface> ifaces) {
        Map<String, LinkSettings> out = new HashMap<>();
        for (NetInterface i : ifaces) {
            LinkSettings l = LinkSettings.read(i.name());
            if (l != null) {
                out.put(i.name(), l);
            }
        }
        return out;
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
