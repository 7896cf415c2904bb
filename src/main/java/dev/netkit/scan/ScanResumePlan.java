package dev.netkit.scan;

import dev.netkit.system.IpLiteral;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is left of an interrupted scan (--resume), from the report it left: the hosts it found up, each with the
 * ports that still have no verdict, grouped so that hosts missing the same ports are scanned together without
 * discovery; every other target is discovered again. A port with a verdict and a host that timed out are not
 * probed again.
 *
 * @param known the hosts the report found up (the discovery of the rest starts over)
 * @param parts the hosts up that still need ports, by the ports they need
 */
public record ScanResumePlan(List<InetAddress> known, List<Part> parts) {
    /** Hosts known up that lack the same TCP and UDP ports. */
    public record Part(List<InetAddress> hosts, List<Integer> tcp, List<Integer> udp) {
    }

    /**
     * @throws IllegalArgumentException when the report holds a verdict on a port its own scaninfo does not list
     *                                  (it is not the report of the scan it names)
     */
    public static ScanResumePlan of(ScanReport done) {
        List<Integer> tcp = List.of();
        List<Integer> udp = List.of();
        for (ScanReport.ScanInfo i : done.scans()) {
            if (i.proto().equals("udp")) {
                udp = i.ports();
            } else {
                tcp = i.ports();
            }
        }
        Set<Integer> tcpSet = Set.copyOf(tcp);
        Set<Integer> udpSet = Set.copyOf(udp);
        Map<List<List<Integer>>, List<InetAddress>> byRest = new LinkedHashMap<>();
        List<InetAddress> known = new ArrayList<>();
        for (ScanTarget t : done.targets()) {
            InetAddress a = t.address();
            if (!done.up().containsKey(a)) {
                continue;
            }
            known.add(a);
            if (done.skipped().test(a)) {
                continue; // nmap's --host-timeout gave up on it: done as it is
            }
            Set<Integer> doneTcp = new HashSet<>();
            Set<Integer> doneUdp = new HashSet<>();
            for (PortResult p : done.results().apply(a)) {
                boolean isUdp = p.proto().equals("udp");
                if (!(isUdp ? udpSet : tcpSet).contains(p.port())) {
                    throw new IllegalArgumentException(p.port() + "/" + p.proto() + " of " + IpLiteral.format(a)
                            + " is not among the ports the report says were scanned");
                }
                (isUdp ? doneUdp : doneTcp).add(p.port());
            }
            List<Integer> restTcp = tcp.stream().filter(p -> !doneTcp.contains(p)).toList();
            List<Integer> restUdp = udp.stream().filter(p -> !doneUdp.contains(p)).toList();
            if (!restTcp.isEmpty() || !restUdp.isEmpty()) {
                byRest.computeIfAbsent(List.of(restTcp, restUdp), k -> new ArrayList<>()).add(a);
            }
        }
        List<Part> parts = new ArrayList<>();
        byRest.forEach((rest, hosts) -> parts.add(new Part(List.copyOf(hosts), rest.get(0), rest.get(1))));
        return new ScanResumePlan(List.copyOf(known), List.copyOf(parts));
    }
}
