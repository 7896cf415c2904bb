package dev.netkit.cli.render;

import dev.netkit.lab.Lab;
import dev.netkit.lab.LabFault;
import dev.netkit.lab.LabStatus;
import dev.netkit.lab.Topology;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a lab: the map printed by {@code lab up} and the table of {@code lab status}, as text or NDJSON. */
public final class LabRenderer {
    private LabRenderer() {
    }

    public static void print(PrintWriter out, Lab.Up up, boolean json) {
        Topology t = up.topology();
        if (json) {
            JsonLines j = new JsonLines(out);
            for (Topology.Host h : t.hosts()) {
                j.begin("host").field("name", h.name()).field("namespace", Lab.namespace(up.name(), h.name()))
                        .field("role", h.role().name().toLowerCase(java.util.Locale.ROOT))
                        .stringArray("addresses", t.addresses(h.name()))
                        .stringArray("services", h.services().stream().map(s -> s.program()).toList())
                        .field("description", h.description()).end();
            }
            j.begin("summary").field("lab", up.name()).field("topology", t.name())
                    .field("namespaces", t.hosts().size()).field("daemons", up.daemons().size())
                    .field("millis", up.millis()).end();
            return;
        }
        out.printf("%s \"%s\" up in %d ms: %d namespaces %s*%n",
                "lab" + (up.name().isEmpty() ? "" : " '" + up.name() + "'"), t.name(), up.millis(), t.hosts().size(),
                Lab.namespace(up.name(), ""));
        out.printf("%-9s %-15s %-32s %s%n", "HOST", "ADDRESS", "IPv6", "WHAT");
        for (Topology.Host h : t.hosts()) {
            List<String> addrs = t.addresses(h.name());
            String v4 = addrs.stream().filter(a -> !a.contains(":")).collect(Collectors.joining(" "));
            String v6 = addrs.stream().filter(a -> a.contains(":")).collect(Collectors.joining(" "));
            String what = h.description();
            if (!h.services().isEmpty()) {
                what += " [" + h.services().stream().map(Topology.Service::program).distinct()
                        .collect(Collectors.joining(", ")) + "]";
            }
            out.printf("%-9s %-15s %-32s %s%n", h.name(), v4, v6, what);
        }
        if (t.host("server").isPresent()) {
            out.println("names: <host>.netkit.test (server.netkit.test = 198.18.10.10), www -> web -> server;"
                    + " resolver 198.18.10.53");
            out.println("try:   sudo scripts/netkit lab exec" + (up.name().isEmpty() ? "" : " --name " + up.name())
                    + " client -- ping -c 3 server.netkit.test");
        }
    }

    /** {@code lab fault list}: each fault, whether it is on, the hosts it changes and what it does. */
    public static void printFaults(PrintWriter out, List<LabFault.State> faults, boolean json) {
        if (json) {
            JsonLines j = new JsonLines(out);
            for (LabFault.State s : faults) {
                j.begin("fault").field("name", s.fault().label()).field("on", s.on())
                        .stringArray("hosts", s.fault().hosts()).field("description", s.fault().description()).end();
            }
            return;
        }
        out.printf("%-15s %-4s %-10s %s%n", "FAULT", "ON", "HOSTS", "WHAT");
        for (LabFault.State s : faults) {
            out.printf("%-15s %-4s %-10s %s%n", s.fault().label(), s.on() ? "on" : "off",
                    String.join(",", s.fault().hosts()), s.fault().description());
        }
    }

    /** {@code lab fault NAME on|off}: what was done. */
    public static void printFaultSwitch(PrintWriter out, LabFault fault, boolean on, boolean changed, boolean json) {
        if (json) {
            new JsonLines(out).begin("fault").field("name", fault.label()).field("on", on).field("changed", changed)
                    .end();
            return;
        }
        out.println("fault " + fault.label() + (changed ? " is now " : " was already ") + (on ? "on" : "off")
                + (on && changed ? ": " + fault.description() : ""));
    }

    public static void printStatus(PrintWriter out, LabStatus s, boolean json) {
        if (json) {
            JsonLines j = new JsonLines(out);
            for (LabStatus.HostStatus h : s.hosts()) {
                j.begin("host").field("name", h.host()).field("namespace", h.namespace()).field("present", h.present())
                        .field("alive", h.alive());
                j.objectArray("interfaces", h.interfaces(), (g, i) -> {
                    g.writeStringField("name", i.name());
                    g.writeStringField("state", i.state());
                    g.writeArrayFieldStart("addresses");
                    for (String a : i.addresses()) {
                        g.writeString(a);
                    }
                    g.writeEndArray();
                });
                j.stringArray("routes", h.routes());
                j.objectArray("services", h.services(), (g, v) -> {
                    g.writeStringField("service", v.service().name().toLowerCase(java.util.Locale.ROOT));
                    g.writeStringField("program", v.service().program());
                    g.writeNumberField("pid", v.pid());
                    g.writeBooleanField("alive", v.alive());
                    g.writeBooleanField("listening", v.listening());
                });
                j.end();
            }
            j.begin("summary").field("lab", s.name()).field("topology", s.topology()).field("healthy", s.healthy()).end();
            return;
        }
        out.printf("lab%s \"%s\": %s%n", s.name().isEmpty() ? "" : " '" + s.name() + "'", s.topology(),
                s.healthy() ? "all hosts and daemons alive" : "NOT healthy");
        for (LabStatus.HostStatus h : s.hosts()) {
            out.printf("%-9s %-14s %s%n", h.host(), h.namespace(), h.present() ? (h.alive() ? "up" : "DAEMON DOWN")
                    : "NAMESPACE MISSING");
            for (LabStatus.InterfaceStatus i : h.interfaces()) {
                if (i.name().equals("lo")) {
                    continue;
                }
                out.printf("    if    %-9s %-8s %s%n", i.name(), i.state(), String.join(" ", i.addresses()));
            }
            for (String r : h.routes()) {
                out.printf("    route %s%n", r);
            }
            for (LabStatus.ServiceStatus v : h.services()) {
                out.printf("    run   %-8s pid %-7d %s%n", v.service().program(), v.pid(),
                        !v.alive() ? "DEAD" : v.listening() ? "listening: " + v.service().description() : "NOT LISTENING");
            }
        }
    }
}
