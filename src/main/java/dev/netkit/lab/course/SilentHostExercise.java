package dev.netkit.lab.course;

import java.util.List;

/** Up but silent to ping (000-17 / 002-06): pc3 drops echo requests, yet ARP and a sweep show it is there. */
final class SilentHostExercise extends Exercise {
    static final String PC3_MAC = "02:6e:6b:01:00:0c";

    SilentHostExercise() {
        super("silent-host", "Up but silent to ping", "000-17, 002-06",
                "pc3 (198.18.1.12) does not answer ping. Is it down? Ping it, then look for it in the client's ARP"
                        + " table and with a host sweep of the client LAN, and decide whether it is there.",
                List.of("{lab} client -- netkit ping --no-inject -c 3 --json 198.18.1.12 > {dir}/ping.ndjson",
                        "{lab} client -- netkit arp --json > {dir}/neigh.ndjson",
                        "{lab} client -- netkit scan -sn --json 198.18.1.0/24 > {dir}/sweep.ndjson",
                        "read each without --json"),
                "ping fails (exit 1, 0 of 3 received), yet the client's ARP table maps 198.18.1.12 to " + PC3_MAC
                        + " and the sweep finds 4 hosts up (r1 .1, the client .10, pc2 .11, pc3 .12): pc3 is up and"
                        + " only drops ICMP echo requests, as many firewalls do. No ping reply does not mean down.");
    }

    @Override
    public void check(Attempt a) {
        a.json("ping.ndjson").ifPresent(lines -> a.expect(lines.stream().anyMatch(l -> l.type().equals("summary")
                        && l.text("address").equals("198.18.1.12") && l.number("transmitted", 0) == 3
                        && l.number("received", -1) == 0),
                "3 pings to pc3 went out and none came back", "ping.ndjson has no summary of 3 pings to 198.18.1.12",
                "ping 198.18.1.12 three times and save its --json output"));
        a.json("neigh.ndjson").ifPresent(lines -> a.expect(lines.stream().anyMatch(l -> l.type().equals("neighbor")
                        && l.text("ip").equals("198.18.1.12") && l.text("mac").equals(PC3_MAC)),
                "the client's ARP table knows pc3: 198.18.1.12 at " + PC3_MAC,
                "neigh.ndjson has no entry for 198.18.1.12",
                "ping with --no-inject (the kernel then does the ARP) and read the table right after"));
        a.json("sweep.ndjson").ifPresent(lines -> {
            List<String> up = lines.stream().filter(l -> l.type().equals("host") && l.text("state").equals("up"))
                    .map(l -> l.text("host")).toList();
            a.expect(up.contains("198.18.1.12") && up.size() == 4, "the sweep found 4 hosts up, pc3 among them",
                    "sweep.ndjson does not show 4 hosts up including 198.18.1.12 (it shows " + up.size() + ")",
                    "sweep the whole client LAN: scan -sn 198.18.1.0/24");
        });
    }
}
