package dev.netkit.lab.course;

import dev.netkit.packet.Frame;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.TcpHeader;
import dev.netkit.system.IpLiteral;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Open, closed, filtered (002-48 + 002-49 + 000-29): the scan's verdicts and what a closed and a filtered port do. */
final class PortStatesExercise extends Exercise {
    private static final String SERVER = "198.18.10.10";
    private static final String CLIENT = "198.18.1.10";

    PortStatesExercise() {
        super("port-states", "Open, closed, filtered", "002-48, 002-49, 000-29",
                "Scan the server's ports 22, 80, 443, 8080, 9998 and 9999 and sort them into open, closed and"
                        + " filtered. Then connect to 9998 and to 9999 yourself while capturing, and see on the wire"
                        + " why one is refused at once and the other only times out.",
                List.of("{lab} client -- netkit scan --json -p 22,80,443,8080,9998,9999 server.netkit.test"
                                + " > {dir}/scan.ndjson",
                        "in a second terminal: {lab} client -- netkit sniff -i eth0 -w {dir}/connect.pcap"
                                + " 'tcp port 9998 or tcp port 9999'",
                        "{lab} client -- netkit nc -v -z -w 2 server.netkit.test 9998",
                        "{lab} client -- netkit nc -v -z -w 5 server.netkit.test 9999",
                        "stop the capture with Ctrl-C",
                        "netkit sniff -n -r {dir}/connect.pcap    (read what you captured)"),
                "22, 80, 443 and 8080 are open, 9998 is closed and 9999 is filtered. On 9998 the client's one SYN"
                        + " [S] is answered at once by the server's reset [R.]: 'Connection refused'. On 9999 no"
                        + " answer comes: the kernel sends the same SYN again (same sequence number) after 1 s and"
                        + " 3 s, and nc gives up: 'timed out'. A firewall that drops is what makes a port filtered.");
    }

    @Override
    public void check(Attempt a) {
        a.json("scan.ndjson").ifPresent(lines -> {
            Map<Long, String> state = new HashMap<>();
            lines.stream().filter(l -> l.type().equals("port") && l.text("host").equals(SERVER)
                    && l.text("proto").equals("tcp")).forEach(l -> state.put(l.number("port", -1), l.text("state")));
            boolean open = Set.of(22L, 80L, 443L, 8080L).stream().allMatch(p -> "open".equals(state.get(p)));
            a.expect(open, "the scan found 22, 80, 443 and 8080 open",
                    "scan.ndjson does not show 22, 80, 443 and 8080 of 198.18.10.10 open",
                    "scan all six ports of server.netkit.test with --json");
            a.expect("closed".equals(state.get(9998L)) && "filtered".equals(state.get(9999L)),
                    "the scan found 9998 closed and 9999 filtered",
                    "scan.ndjson does not show 9998 closed and 9999 filtered",
                    "scan all six ports of server.netkit.test with --json");
        });
        a.pcap("connect.pcap").ifPresent(frames -> {
            boolean syn9998 = frames.stream().anyMatch(f -> segment(f, CLIENT, 9998, true)
                    && f.tcp().get().has(TcpHeader.SYN) && !f.tcp().get().has(TcpHeader.ACK));
            boolean reset = frames.stream().anyMatch(f -> segment(f, SERVER, 9998, false)
                    && f.tcp().get().has(TcpHeader.RST) && f.tcp().get().has(TcpHeader.ACK));
            a.expect(syn9998 && reset, "on 9998 the client's SYN was answered by a reset [R.]: refused at once",
                    "connect.pcap holds no SYN to 9998 answered by a reset",
                    "capture while 'nc -z' connects to port 9998");
            Map<String, Integer> sameSyn = new HashMap<>();
            frames.stream().filter(f -> segment(f, CLIENT, 9999, true) && f.tcp().get().has(TcpHeader.SYN))
                    .forEach(f -> sameSyn.merge(f.tcp().get().sourcePort() + "/" + f.tcp().get().sequence(), 1,
                            Integer::sum));
            int most = sameSyn.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            boolean silent = frames.stream().noneMatch(f -> segment(f, SERVER, 9999, false));
            a.expect(most >= 3 && silent, "on 9999 the same SYN went out " + most + " times and nothing came back",
                    most < 3 ? "connect.pcap holds " + most + " copies of one SYN to 9999, not 3 or more"
                            : "connect.pcap holds an answer from port 9999",
                    "capture while 'nc -z -w 5' tries port 9999: the kernel repeats its SYN after 1 s and 3 s");
        });
    }

    /** An IPv4 TCP segment from {@code host} to (or, when {@code toPort} is false, from) the server port. */
    private static boolean segment(Frame f, String host, int port, boolean toPort) {
        if (f.ipv4().isEmpty() || f.tcp().isEmpty()) {
            return false;
        }
        Ipv4Header ip = f.ipv4().get();
        TcpHeader tcp = f.tcp().get();
        return IpLiteral.format(ip.source()).equals(host) && (toPort ? tcp.destinationPort() : tcp.sourcePort()) == port;
    }
}
