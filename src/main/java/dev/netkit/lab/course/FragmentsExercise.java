package dev.netkit.lab.course;

import dev.netkit.packet.Frame;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.system.IpLiteral;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Fragments and the path MTU (000-15 + 001-12): one big datagram leaves in 3 pieces and arrives in 5. */
final class FragmentsExercise extends Exercise {
    FragmentsExercise() {
        super("fragments", "Fragments and the path MTU", "000-15, 001-12",
                "Send one 3000-byte UDP datagram from the client to the server and count its fragments where it"
                        + " leaves and where it arrives. Then find the largest packet with 'don't fragment' that"
                        + " crosses the path, and who tells you when one is too big.",
                List.of("in a second terminal: {lab} client -- netkit sniff -i eth0 -w {dir}/sent.pcap"
                                + " 'udp and dst host 198.18.10.10'",
                        "in a third terminal: {lab} server -- netkit sniff -i eth0 -w {dir}/received.pcap"
                                + " 'udp and src host 198.18.1.10'",
                        "{lab} client -- netkit send --udp --size 3000 --dport 7 198.18.10.10",
                        "stop both captures with Ctrl-C",
                        "netkit sniff -n -v -r {dir}/sent.pcap    (and received.pcap: count the pieces)",
                        "{lab} client -- netkit ping -M do -s 1373 -c 1 --json 198.18.10.10 > {dir}/too-big.ndjson",
                        "{lab} client -- netkit ping -M do -s 1372 -c 1 --json 198.18.10.10 > {dir}/fits.ndjson"),
                "The client's link has MTU 1500, so the 3008-byte UDP payload leaves in 3 fragments (offsets 0,"
                        + " 1480 and 2960 bytes). r1 forwards into the MTU 1400 link and splits again: 5 fragments"
                        + " reach the server. With DF set, 1372 bytes of ping data (1400 with headers) cross; 1373"
                        + " draw 'fragmentation needed' with mtu 1400 from r1 (198.18.1.1).");
    }

    @Override
    public void check(Attempt a) {
        a.pcap("sent.pcap").ifPresent(frames -> {
            List<Integer> offsets = largest(frames, "198.18.10.10");
            a.expect(offsets.equals(List.of(0, 1480, 2960)), "the datagram left the client in 3 fragments, at"
                            + " offsets 0, 1480 and 2960",
                    "sent.pcap holds no datagram to the server in 3 fragments (the largest has offsets " + offsets + ")",
                    "capture on the client while 'netkit send --udp --size 3000' sends to the server");
        });
        a.pcap("received.pcap").ifPresent(frames -> {
            List<Integer> offsets = largest(frames, "198.18.10.10");
            a.expect(offsets.size() == 5, "it reached the server in 5 fragments: r1 split it again for its MTU 1400"
                            + " link", "received.pcap holds no datagram from the client in 5 fragments (the largest"
                            + " has " + offsets.size() + ")",
                    "capture on the server at the same time as on the client");
        });
        a.json("too-big.ndjson").ifPresent(lines -> a.expect(lines.stream().anyMatch(l -> l.type().equals("error")
                        && l.text("from").equals("198.18.1.1") && l.number("mtu", 0) == 1400),
                "1373 bytes with DF drew 'fragmentation needed, mtu 1400' from r1",
                "too-big.ndjson holds no 'fragmentation needed' with mtu 1400 from 198.18.1.1",
                "ping with -M do (don't fragment) and -s 1373"));
        a.json("fits.ndjson").ifPresent(lines -> a.expect(lines.stream().anyMatch(l -> l.type().equals("summary")
                        && l.number("received", 0) >= 1),
                "1372 bytes with DF crossed the path", "fits.ndjson holds no reply to a 1372-byte DF ping",
                "ping with -M do -s 1372"));
    }

    /** The fragment offsets (bytes) of the datagram to {@code destination} that came in the most pieces. */
    private static List<Integer> largest(List<Frame> frames, String destination) {
        Map<Integer, List<Integer>> byId = new TreeMap<>(frames.stream().filter(f -> f.ipv4().isPresent())
                .map(f -> f.ipv4().get())
                .filter(ip -> ip.protocol().equals(IpProtocol.UDP) && ip.isFragment()
                        && IpLiteral.format(ip.destination()).equals(destination))
                .collect(Collectors.groupingBy(Ipv4Header::identification,
                        Collectors.mapping(ip -> ip.fragmentOffset() * 8, Collectors.toList()))));
        return byId.values().stream().max((x, y) -> Integer.compare(x.size(), y.size()))
                .map(l -> l.stream().sorted().toList()).orElse(List.of());
    }
}
