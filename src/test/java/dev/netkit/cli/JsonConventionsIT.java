package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's --json in the lab, checked against docs/conventions.md's two rules on every object: a key that
 * does not apply is absent (no null anywhere) and a key has one type everywhere (per object type and key path,
 * across all the outputs below; see {@link JsonRules}). Each command runs where it has something to say: answers
 * and errors, IPv4 and IPv6, so that keys which appear only sometimes are seen.
 */
class JsonConventionsIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final JsonRules rules = new JsonRules();
    private final Set<String> commands = new LinkedHashSet<>();
    private final List<String> empty = new ArrayList<>();

    /** Runs {@code netkit ARGS} in {@code host} and checks its stdout. */
    private void json(String host, String... args) {
        LabExtension.Result r = lab.netkit(host, args);
        record(String.join(" ", args), r.stdout(), r.output());
    }

    private void record(String what, String json, String all) {
        commands.add(what.split(" ")[0]);
        if (json.isBlank()) {
            empty.add(what + ": " + all);
        }
        rules.check(what, json);
    }

    /** {@code netkit} inside a shell line in {@code host}, for commands that need a peer beside them. */
    private String netkitLine(String... args) {
        return JAVA + " --enable-native-access=ALL-UNNAMED -jar " + System.getProperty("netkit.jar") + " "
                + String.join(" ", args);
    }

    @Test
    void everyCommandsJsonKeepsBothRules() {
        String server = "198.18.10.10";
        json("client", "ping", "--json", "-c", "2", "-i", "0.2", server);
        json("client", "ping", "--json", "-n", "-6", "-c", "1", "server.netkit.test");
        json("client", "ping", "--json", "-c", "1", "198.18.10.99"); // host unreachable from r3
        json("pc2", "ping", "--json", "-n", "-c", "1", "-M", "do", "-s", "1472", server); // frag needed, mtu
        json("client", "ping", "--json", "-n", "--stats", "-c", "2", "-i", "0.2", "198.18.1.11", "198.18.1.12");
        json("client", "ping", "--json", "-n", "--tcp", "80", "-c", "1", server);
        json("client", "trace", "--json", "-q", "1", "--asn", "--asn-zone", "origin.asn.netkit.test",
                "server.netkit.test");
        json("client", "trace", "--json", "-n", "-q", "1", "--asn", "--asn-zone", "origin.asn.netkit.test",
                "127.0.0.1"); // no AS for loopback: as_note
        json("client", "trace", "--json", "-n", "-6", "-q", "1", "server.netkit.test");
        json("client", "trace", "--json", "-n", "-q", "1", "-m", "6", "198.18.10.99");
        json("client", "trace", "--json", "-n", "-q", "1", "--flows", "2", server);
        json("client", "trace", "--json", "-n", "--mtu", server);
        json("client", "trace", "--json", "-n", "--report", "-c", "2", "-i", "0.2", server);
        json("client", "dig", "--json", "www.netkit.test");
        json("client", "dig", "--json", "-x", server);
        json("client", "dig", "--json", "nosuchname.netkit.test");
        json("client", "dig", "--json", "@198.18.10.99", "+timeout=1", "+tries=1", "server.netkit.test");
        json("client", "host", "--json", "server.netkit.test");
        json("client", "host", "--json", "nosuchname.netkit.test");
        json("client", "nslookup", "--json", "www.netkit.test");
        json("client", "arp", "--json");
        json("client", "arp", "-6", "--json");
        json("client", "arp", "scan", "--json", "198.18.1.10-12");
        json("client", "arp", "scan", "--ndp", "--json", "2001:db8:1::1-20");
        json("client", "scan", "--json", "-p", "22,80,9998,9999", server);
        json("client", "scan", "-sU", "-p", "7,9997", "--json", server);
        json("client", "scan", "-sn", "--json", "198.18.1.8/29");
        json("client", "subnet", "--json", "192.0.2.130/26");
        json("client", "subnet", "--json", "2001:db8::1/0");
        json("server", "sockets", "-tulnp", "--json");
        json("client", "ifaces", "--json");
        json("client", "route", "--json");
        json("client", "route", "get", server, "--json");
        json("client", "route", "path", "--graph", Path.of("docs/examples/routers.json").toAbsolutePath().toString(),
                "R1", "R4", "--json");
        json("client", "nc", "-z", "--json", "-w", "2", server, "22");
        json("client", "nc", "-z", "--json", "-w", "2", server, "9998");
        json("client", "send", "--json", "--tcp", "--dport", "80", "--wait", "0.5", server);
        json("client", "send", "--json", "--icmp", "--wait", "0.5", "2001:db8:10::10");
        json("client", "send", "--json", "--dry-run", "--udp", "--dport", "7", "--data", "hi", server);
        json("client", "asn", "--json", "--zone", "origin.asn.netkit.test", "198.18.3.2", "AS64510", "127.0.0.1");
        json("client", "lab", "topologies", "--json");

        // sniff: live with pings to see, then the capture written and read back
        LabExtension.Result live = lab.exec("client", Duration.ofSeconds(60), "sh", "-c",
                "(sleep 2; ping -c 20 -i 0.2 " + server + " >/dev/null) & "
                        + netkitLine("sniff", "-i", "eth0", "-n", "-c", "4", "-w", "/tmp/nkjson-$$.pcap") + "; "
                        + netkitLine("sniff", "--json", "-r", "/tmp/nkjson-$$.pcap") + "; "
                        + netkitLine("sniff", "--json", "-v", "-e", "-r", "/tmp/nkjson-$$.pcap") + "; "
                        + "rm -f /tmp/nkjson-$$.pcap; wait");
        record("sniff -r", live.stdout(), live.output());
        LabExtension.Result counted = lab.exec("client", Duration.ofSeconds(60), "sh", "-c",
                "(sleep 2; ping -6 -c 20 -i 0.2 2001:db8:10::10 >/dev/null) & "
                        + netkitLine("sniff", "-i", "eth0", "-n", "-c", "4", "--json", "icmp6") + "; wait");
        record("sniff -c", counted.stdout(), counted.output());

        // whois against a stand-in registry on the client's loopback (a whois server is a TCP text service)
        LabExtension.Result whois = lab.exec("client", Duration.ofSeconds(30), "sh", "-c",
                "printf 'inetnum:        198.18.0.0 - 198.19.255.255\\nnetname:        BENCHMARK\\n"
                        + "descr:          RFC 2544\\nremarks:        one\\nremarks:        two\\n' "
                        + "| timeout 20 nc -l -N 127.0.0.1 4343 >/dev/null & sleep 0.5; "
                        + netkitLine("whois", "--json", "-h", "127.0.0.1", "-p", "4343", "--no-referral",
                        "198.18.10.10") + "; wait");
        record("whois", whois.stdout(), whois.output());

        assertEquals(List.of(), rules.violations(), rules.violations().size() + " violations");
        assertEquals(List.of(), empty, "commands that printed no JSON");
        assertTrue(rules.objects() > 100, rules.objects() + " objects");
        for (String c : List.of("ping", "trace", "dig", "host", "nslookup", "arp", "scan", "sniff", "subnet",
                "sockets", "ifaces", "route", "nc", "send", "asn", "whois")) {
            assertTrue(commands.contains(c), c + " not run: " + commands);
        }
    }
}
