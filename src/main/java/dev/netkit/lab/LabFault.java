package dev.netkit.lab;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The named faults of the default topology ("internet"), for the troubleshooting demonstrations of the course
 * texts: each is switched on in a running lab and off again, leaving no trace. A fault changes only the lab's own
 * namespaces (nft tables of its own, addresses, links, routes, processes), so {@code lab down} removes it with them.
 * A marker per fault that is on is kept in the lab's state directory.
 */
public enum LabFault {
    DNS_DOWN("dns-down", "the resolver (198.18.10.53) drops every DNS query: lookups time out", "resolver") {
        @Override
        void on(Context c) {
            c.nft("resolver", table("input", "meta l4proto { tcp, udp } th dport 53 drop"));
        }
    },
    DNS_SLOW("dns-slow", "the resolver drops every other DNS query: each lookup waits for a retry", "resolver") {
        @Override
        void on(Context c) {
            // numgen inc alternates, so the first try of each lookup is lost and its retry answered: slow, not
            // random (no netem here to delay packets)
            c.nft("resolver", table("input", "meta l4proto udp udp dport 53 numgen inc mod 2 == 0 drop"));
        }
    },
    PMTU_BLACKHOLE("pmtu-blackhole", "r1 and r2 send no 'fragmentation needed' / 'packet too big' over their MTU 1400"
            + " link: big DF packets vanish", "r1", "r2") {
        @Override
        void on(Context c) {
            String rule = "icmp type destination-unreachable icmp code frag-needed drop\n"
                    + "    icmpv6 type packet-too-big drop";
            c.nft("r1", table("output", rule));
            c.nft("r2", table("output", rule));
        }
    },
    DUPLICATE_IP("duplicate-ip", "pc2 also claims the client's address 198.18.1.10", "pc2") {
        @Override
        void on(Context c) {
            c.ip("pc2", "addr", "add", "198.18.1.10/24", "dev", "eth0");
        }

        @Override
        void off(Context c) {
            c.ip("pc2", "addr", "del", "198.18.1.10/24", "dev", "eth0");
        }
    },
    WRONG_NETMASK("wrong-netmask", "the client has 198.18.1.10/16 instead of /24: it looks for the server on its own"
            + " LAN", "client") {
        @Override
        void on(Context c) {
            renumber(c, "/24", "/16");
        }

        @Override
        void off(Context c) {
            renumber(c, "/16", "/24");
        }

        /** The kernel keeps one address per IP: deleting it takes the default route with it, so that comes back. */
        private static void renumber(Context c, String from, String to) {
            c.ip("client", "addr", "del", "198.18.1.10" + from, "dev", "eth0");
            c.ip("client", "addr", "add", "198.18.1.10" + to, "dev", "eth0");
            c.ip("client", "route", "replace", "default", "via", "198.18.1.1", "dev", "eth0");
        }
    },
    WRONG_LAN("wrong-lan", "pc2's cable is plugged into the server LAN's switch (r3) instead of the client LAN's (r1)",
            "r1", "r3") {
        @Override
        void on(Context c) {
            replug(c, "r1", "r3");
        }

        @Override
        void off(Context c) {
            replug(c, "r3", "r1");
        }

        private static void replug(Context c, String from, String to) {
            c.ip(from, "link", "set", "pc2", "netns", c.namespace(to));
            c.ip(to, "link", "set", "pc2", "master", "lan", "up");
        }
    },
    ICMP_RATELIMIT("icmp-ratelimit", "r2 sends at most one ICMP error a second (no burst): traces show * at hop 2",
            "r2") {
        @Override
        void on(Context c) {
            // an nft token bucket, not the kernel's icmp_msgs_per_sec: the kernel takes a random 0-2 credits a
            // message (against side channels), so with a burst of 1 a whole trace's three probes sometimes passed
            String errors = " limit rate over 1/second burst 1 packets drop";
            c.nft("r2", table("output", "icmp type { destination-unreachable, time-exceeded, parameter-problem }"
                    + errors + "\n    icmpv6 type { destination-unreachable, packet-too-big, time-exceeded,"
                    + " parameter-problem }" + errors));
        }
    },
    ASYMMETRIC_ROUTE("asymmetric-route", "a new link r1-r3 (198.18.4.0/30) carries r3's way back to the client LAN:"
            + " replies skip r2, so they come back in one hop less than the requests went", "r1", "r3") {
        /** The way back r3 takes when the fault is on, per family: destination and gateway on the new link. */
        private static final List<Topology.Route> BACK = List.of(new Topology.Route("198.18.1.0/24", "198.18.4.1"),
                new Topology.Route("2001:db8:1::/64", "2001:db8:4::1"));

        @Override
        void on(Context c) {
            // distinct interface indexes, so the kernel raises the carrier at once (as NetworkPlan.linksBatch)
            c.ip("r3", "link", "add", "r1", "index", "90", "address", Topologies.mac(4, 2, false), "type", "veth",
                    "peer", "name", "r3", "index", "91", "address", Topologies.mac(4, 1, false),
                    "netns", c.namespace("r1"));
            for (String[] end : new String[][] {{"r1", "r3", "1"}, {"r3", "r1", "2"}}) {
                c.ip(end[0], "addr", "add", "198.18.4." + end[2] + "/30", "dev", end[1]);
                c.ip(end[0], "addr", "add", "2001:db8:4::" + end[2] + "/64", "nodad", "dev", end[1]);
                c.ip(end[0], "link", "set", end[1], "up");
            }
            c.waitForCarrier("r3", "r1");
            for (Topology.Route r : BACK) {
                c.ip("r3", "route", "replace", r.destination(), "via", r.gateway());
            }
        }

        @Override
        void off(Context c) {
            // the topology's own way back, through r2, before the link (and the routes over it) goes
            Topology.Host r3 = Topologies.internet().host("r3").orElseThrow();
            for (Topology.Route back : BACK) {
                for (Topology.Route r : r3.routes()) {
                    if (r.destination().equals(back.destination())) {
                        c.ip("r3", "route", "replace", r.destination(), "via", r.gateway());
                    }
                }
            }
            c.ip("r3", "link", "del", "r1");
        }
    },
    CHATTER("chatter", "pc2 and pc3 chatter on the client LAN: mDNS and SSDP searches, LLMNR queries and DHCP"
            + " discovers, one packet of each every 2 to 4 s (nping); a switch plugged into r1's LAN bridge sends STP"
            + " BPDUs", "pc2", "pc3", "r1") {
        @Override
        void on(Context c) {
            LabChatter.start(c.lab, c.state());
        }

        @Override
        void off(Context c) {
            LabChatter.stop(c.lab, c.state());
        }
    };

    /** The nft table every fault's rules live in, one per fault and host, so faults come and go independently. */
    private static final String TABLE = "netkit_fault";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String label;
    private final String description;
    private final List<String> hosts;

    LabFault(String label, String description, String... hosts) {
        this.label = label;
        this.description = description;
        this.hosts = List.of(hosts);
    }

    /** The name a user types ("dns-down"). */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The lab hosts it changes. */
    public List<String> hosts() {
        return hosts;
    }

    abstract void on(Context c);

    /** Undoes {@link #on}; by default deletes the fault's nft table from each of its hosts. */
    void off(Context c) {
        for (String h : hosts) {
            c.run(List.of(LabPackages.binary("ip"), "netns", "exec", c.namespace(h), LabPackages.binary("nft"),
                    "delete", "table", "inet", TABLE + "_" + name().toLowerCase(Locale.ROOT)));
        }
    }

    /** An nft table of this fault with one filter chain on {@code hook}. */
    String table(String hook, String rule) {
        return "table inet " + TABLE + "_" + name().toLowerCase(Locale.ROOT) + " {\n  chain " + hook + " {\n"
                + "    type filter hook " + hook + " priority filter - 1; policy accept;\n    " + rule + "\n  }\n}\n";
    }

    /** The fault a user named, or exit 2 naming the faults there are. */
    public static LabFault named(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst()
                .orElseThrow(() -> NetkitException.usage("no fault '" + label + "': faults are "
                        + String.join(", ", Arrays.stream(values()).map(LabFault::label).toList())));
    }

    /** A fault and whether it is on in the lab. */
    public record State(LabFault fault, boolean on) {
    }

    /** Every fault and whether it is on in lab {@code name} (which must be up). */
    public static List<State> list(String name) {
        LabState state = upWithFaults(name);
        List<State> all = new ArrayList<>();
        for (LabFault f : values()) {
            all.add(new State(f, Files.exists(f.marker(state))));
        }
        return all;
    }

    /** Switches a fault on or off in lab {@code name}; false when it already was so. */
    public boolean set(String name, boolean on) {
        Lab.requireRoot("lab fault");
        LabState state = upWithFaults(name);
        Path marker = marker(state);
        if (Files.exists(marker) == on) {
            return false;
        }
        Context c = new Context(name);
        try {
            if (on) {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, "");
                try {
                    on(c);
                } catch (RuntimeException e) {
                    // half on: undo what was done, so the fault is wholly off again
                    try {
                        off(c);
                    } catch (RuntimeException ignored) {
                        // the part that failed was never done
                    }
                    Files.deleteIfExists(marker);
                    throw e;
                }
            } else {
                off(c);
                Files.delete(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private Path marker(LabState state) {
        return state.dir().resolve("faults").resolve(label);
    }

    private static LabState upWithFaults(String name) {
        Lab.checkName(name);
        LabState state = LabState.read(name).orElseThrow(() -> new NetkitException(ExitCode.NEGATIVE,
                "lab" + (name.isEmpty() ? "" : " '" + name + "'") + " is not up: run 'sudo netkit lab up"
                        + (name.isEmpty() ? "" : " --name " + name) + "'"));
        if (!LabPart.baseName(state.topology()).equals(Topologies.DEFAULT)) {
            throw NetkitException.usage("the named faults are made for the '" + Topologies.DEFAULT
                    + "' topology; this lab runs '" + state.topology() + "'");
        }
        return state;
    }

    /** What a fault acts through: commands inside the lab's namespaces. */
    static final class Context {
        private final String lab;

        Context(String lab) {
            this.lab = lab;
        }

        LabState state() {
            return LabState.read(lab).orElseThrow();
        }

        String namespace(String host) {
            return Lab.namespace(lab, host);
        }

        void ip(String host, String... args) {
            List<String> cmd = new ArrayList<>(List.of(LabPackages.binary("ip"), "-n", namespace(host)));
            cmd.addAll(List.of(args));
            run(cmd);
        }

        /** Waits until {@code ifname} in {@code host} has its carrier: until then its frames are dropped. */
        void waitForCarrier(String host, String ifname) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Lab.linksReady(run(List.of(LabPackages.binary("ip"), "-n", namespace(host), "-d", "-o", "link",
                    "show", "dev", ifname)))) {
                if (System.nanoTime() > deadline) {
                    throw new NetkitException(1, ifname + " in " + host + " has no carrier after "
                            + TIMEOUT.toSeconds() + " s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NetkitException(1, "interrupted");
                }
            }
        }

        void nft(String host, String ruleset) {
            run(List.of(LabPackages.binary("ip"), "netns", "exec", namespace(host), LabPackages.binary("nft"), "-f",
                    "-"), ruleset);
        }

        String run(List<String> cmd) {
            return run(cmd, null);
        }

        private String run(List<String> cmd, String stdin) {
            ExternalCommand.Result r = ExternalCommand.run(cmd, stdin, TIMEOUT);
            if (!r.ok()) {
                throw new NetkitException(1, String.join(" ", cmd.subList(Math.max(0, cmd.size() - 6), cmd.size()))
                        + ": " + ExternalCommand.firstLines(r.stderr(), 2));
            }
            return r.stdout();
        }
    }

}
