package dev.netkit.sockets;

import dev.netkit.system.SocketEntry;
import dev.netkit.system.SocketState;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts per protocol: total, IPv4, IPv6 and per state (what {@code sockets -s} prints). */
public record SocketSummary(Map<String, Count> byProto) {

    /** The counts of one protocol. */
    public record Count(String proto, int total, int ipv4, int ipv6, Map<SocketState, Integer> states) {
    }

    public static SocketSummary of(List<SocketEntry> sockets, List<String> protoOrder) {
        Map<String, Count> out = new LinkedHashMap<>();
        for (String p : protoOrder) {
            int total = 0;
            int v4 = 0;
            int v6 = 0;
            Map<SocketState, Integer> states = new EnumMap<>(SocketState.class);
            for (SocketEntry s : sockets) {
                if (!s.proto().equals(p)) {
                    continue;
                }
                total++;
                if (!p.equals("unix")) {
                    if (s.v6()) {
                        v6++;
                    } else {
                        v4++;
                    }
                }
                states.merge(s.state(), 1, Integer::sum);
            }
            out.put(p, new Count(p, total, v4, v6, states));
        }
        return new SocketSummary(out);
    }
}
