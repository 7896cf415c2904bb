package dev.netkit.sockets;

import dev.netkit.system.ProcNetSockets;
import dev.netkit.system.SocketEntry;
import dev.netkit.system.SocketState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code netkit sockets} asks for: protocols, families, which states (ss's rules: connected sockets by default,
 * -l listening and unconnected ones, -a all, state words override both) and the filter expression.
 */
public record SocketQuery(Set<String> protos, boolean v4, boolean v6, Selection selection, SocketFilter filter,
                          boolean owners) {

    /** Which states -l/-a/default select. */
    public enum Selection { CONNECTED, LISTENING, ALL }

    /** The states this query shows. */
    public Set<SocketState> states() {
        if (filter.states() != null) {
            return filter.states();
        }
        return switch (selection) {
            case ALL -> EnumSet.allOf(SocketState.class);
            case LISTENING -> EnumSet.of(SocketState.LISTEN, SocketState.CLOSE);
            case CONNECTED -> SocketFilter.CONNECTED_DEFAULT;
        };
    }

    /** Runs the query on the kernel's tables. */
    public List<SocketEntry> run(ProcNetSockets tables) {
        return select(tables.read(protos, v4, v6, owners));
    }

    /** Keeps the sockets this query selects, in their order. */
    public List<SocketEntry> select(List<SocketEntry> all) {
        Set<SocketState> states = states();
        List<SocketEntry> out = new ArrayList<>();
        for (SocketEntry s : all) {
            if (protos.contains(s.proto()) && states.contains(s.state()) && filter.test(s)
                    && (s.proto().equals("unix") || (s.v6() ? v6 : v4))) {
                out.add(s);
            }
        }
        return out;
    }
}
