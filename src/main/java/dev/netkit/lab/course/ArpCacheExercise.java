package dev.netkit.lab.course;

import java.util.List;

/** ARP request, reply and cache (001-33 + 001-35): one broadcast question answers five pings. */
final class ArpCacheExercise extends Exercise {
    static final String PC2_MAC = "02:6e:6b:01:00:0b";

    ArpCacheExercise() {
        super("arp-cache", "ARP request, reply and cache", "001-33, 001-35",
                "Before the client can send its first ping to pc2 (198.18.1.11) on its own LAN it must learn pc2's"
                        + " MAC address. Empty the client's ARP cache, capture ARP on the client while it pings pc2"
                        + " five times, and see how many ARP requests five pings cost and where the answer is kept.",
                List.of("{lab} client -- ip neigh flush dev eth0",
                        "in a second terminal: {lab} client -- netkit sniff -i eth0 --json arp > {dir}/arp.ndjson",
                        "{lab} client -- netkit ping --no-inject -c 5 --json 198.18.1.11 > {dir}/ping.ndjson",
                        "stop the capture with Ctrl-C",
                        "{lab} client -- netkit arp --json > {dir}/neigh.ndjson    (the client's neighbour table:"
                                + " is pc2 in it? without --json to read it)"),
                "One broadcast ARP request from the client ('who has 198.18.1.11? tell 198.18.1.10') and one reply"
                        + " from pc2 (198.18.1.11 is at " + PC2_MAC + ") serve all five pings: the reply goes into"
                        + " the client's neighbour table, and later pings use the cached entry. A unicast re-check"
                        + " some seconds later (the entry going STALE) is normal.");
    }

    @Override
    public void check(Attempt a) {
        a.json("ping.ndjson").ifPresent(lines -> {
            boolean five = lines.stream().anyMatch(l -> l.type().equals("summary")
                    && l.text("address").equals("198.18.1.11") && l.number("transmitted", 0) == 5
                    && l.number("received", 0) == 5);
            a.expect(five, "five pings to pc2 went out and five replies came back",
                    "ping.ndjson has no summary of 5 pings to 198.18.1.11 with 5 replies",
                    "ping pc2 with -c 5 --no-inject and save its --json output");
        });
        a.json("arp.ndjson").ifPresent(lines -> {
            List<JsonLine> arp = lines.stream().filter(l -> l.type().equals("packet") && l.has("arp")).toList();
            long broadcasts = arp.stream().filter(l -> l.object("arp").text("op").equals("request")
                    && l.object("arp").text("sender_ip").equals("198.18.1.10")
                    && l.object("arp").text("target_ip").equals("198.18.1.11")
                    && l.object("eth").text("dst").equals("ff:ff:ff:ff:ff:ff")).count();
            if (broadcasts == 1) {
                a.right("exactly one broadcast ARP request from the client asked for 198.18.1.11");
            } else if (broadcasts == 0) {
                a.missing("arp.ndjson holds no broadcast ARP request from the client for 198.18.1.11",
                        "empty the cache first (ip neigh flush dev eth0), start the capture, then ping");
            } else {
                a.missing("arp.ndjson holds " + broadcasts + " broadcast requests for 198.18.1.11, from more than"
                        + " one run", "capture exactly one run: flush, start the capture, ping five times, stop");
            }
            boolean reply = arp.stream().anyMatch(l -> l.object("arp").text("op").equals("reply")
                    && l.object("arp").text("sender_ip").equals("198.18.1.11")
                    && l.object("arp").text("sender_mac").equals(PC2_MAC));
            a.expect(reply, "pc2 answered: 198.18.1.11 is at " + PC2_MAC,
                    "arp.ndjson holds no ARP reply from pc2",
                    "keep the capture running until the pings are done; filter 'arp' only");
        });
        // The saved table, not the live one: the kernel forgets an unused entry within minutes.
        a.json("neigh.ndjson").ifPresent(lines -> a.expect(lines.stream().anyMatch(l -> l.type().equals("neighbor")
                        && l.text("ip").equals("198.18.1.11") && l.text("mac").equals(PC2_MAC)),
                "the client's neighbour table held pc2 after the pings",
                "neigh.ndjson has no entry 198.18.1.11 at " + PC2_MAC,
                "read the table (netkit arp --json) right after the pings; ping with --no-inject, since injected"
                        + " probes leave the kernel's table alone"));
    }
}
