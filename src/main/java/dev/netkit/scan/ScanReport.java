package dev.netkit.scan;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A finished scan as every output form needs it: the targets, the hosts up, each host's verdicts (looked up
 * host by host, so a big scan's results stay in its {@link PortTable}s), when and how it ran.
 *
 * @param targets    the addresses scanned, in order (a merged report: the hosts found in its files)
 * @param hostsTotal how many addresses were scanned (more than {@code targets} in a merged report)
 * @param scans      what was scanned per protocol (nmap's scaninfo), empty for -sn
 * @param args       the command line, for the report's header
 */
public record ScanReport(List<ScanTarget> targets, long hostsTotal, Map<InetAddress, HostDiscovery.Up> up,
                         Function<InetAddress, List<PortResult>> results, Predicate<InetAddress> skipped,
                         List<ScanInfo> scans, Instant start, double elapsedS, String args) {
    /**
     * One scan type over one protocol, as nmap's scaninfo element says it.
     *
     * @param type  nmap's word: syn, connect, udp
     * @param proto tcp or udp
     * @param ports the ports probed, ascending
     */
    public record ScanInfo(String type, String proto, List<Integer> ports) {
    }
}
