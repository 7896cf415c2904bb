package dev.netkit.lab;

import dev.netkit.NetkitException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A running lab as the kernel sees it now: per host its interfaces, routes and daemons, and whether each is alive. */
public record LabStatus(String name, String topology, List<HostStatus> hosts) {
    /** One interface: name, operational state and addresses as {@code ip -br addr} shows them. */
    public record InterfaceStatus(String name, String state, List<String> addresses) {
    }

    /** One daemon: what it is, its PID, whether it runs and whether its sockets listen. */
    public record ServiceStatus(Topology.Service service, long pid, boolean alive, boolean listening) {
    }

    /** One host: its namespace and whether that exists, interfaces, routes (both families) and daemons. */
    public record HostStatus(String host, String namespace, boolean present, List<InterfaceStatus> interfaces,
                             List<String> routes, List<ServiceStatus> services) {
        public boolean alive() {
            return present && services.stream().allMatch(s -> s.alive() && s.listening());
        }
    }

    /** True when every namespace exists and every daemon runs and listens. */
    public boolean healthy() {
        return hosts.stream().allMatch(HostStatus::alive);
    }

    /** Reads the status of lab {@code name}; exit 1 when it is not up. */
    public static LabStatus of(String name) {
        Lab.checkName(name);
        LabState state = LabState.read(name).orElseThrow(() -> new NetkitException(1, "lab '" + name
                + "' is not up: run 'sudo netkit lab up" + (name.isEmpty() ? "" : " --name " + name) + "'"));
        Lab.requireRoot("lab status");
        Topology topology = Topologies.named(state.topology()).orElseThrow(
                () -> new NetkitException(1, "lab '" + name + "' uses unknown topology " + state.topology()));
        String ip = LabPackages.binary("ip");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<HostStatus>> futures = new ArrayList<>();
            for (Topology.Host h : topology.hosts()) {
                futures.add(CompletableFuture.supplyAsync(() -> host(ip, state, topology, h), pool));
            }
            return new LabStatus(name, topology.name(), futures.stream().map(CompletableFuture::join).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    private static HostStatus host(String ip, LabState state, Topology topology, Topology.Host h) {
        String ns = Lab.namespace(state.name(), h.name());
        boolean present = Files.exists(Path.of("/run/netns", ns));
        List<InterfaceStatus> ifaces = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        if (present) {
            Duration t = Duration.ofSeconds(10);
            for (String line : ExternalCommand.run(List.of(ip, "-n", ns, "-br", "addr"), null, t).stdout().lines().toList()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                String ifname = f[0].contains("@") ? f[0].substring(0, f[0].indexOf('@')) : f[0];
                List<String> addrs = new ArrayList<>();
                for (int i = 2; i < f.length; i++) {
                    addrs.add(f[i]);
                }
                ifaces.add(new InterfaceStatus(ifname, f[1], addrs));
            }
            for (String fam : List.of("-4", "-6")) {
                for (String line : ExternalCommand.run(List.of(ip, "-n", ns, fam, "route"), null, t).stdout().lines()
                        .toList()) {
                    if (!line.startsWith("fe80") && !line.startsWith("multicast")) {
                        routes.add(line.strip());
                    }
                }
            }
        }
        List<ServiceStatus> services = new ArrayList<>();
        Daemons daemons = new Daemons(topology, state.dir());
        for (String[] p : state.pids()) {
            if (!p[0].equals(h.name()) || p[1].equals(LabChatter.SERVICE)) {
                continue;
            }
            Topology.Service s = Topology.Service.valueOf(p[1]);
            long pid = Long.parseLong(p[2]);
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            List<Daemons.Socket> ready = daemons.readiness(s);
            services.add(new ServiceStatus(s, pid, alive, alive && Lab.listening(pid, ready)));
        }
        return new HostStatus(h.name(), ns, present, ifaces, routes, services);
    }
}
