package dev.netkit.sniff.print;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/** Interface index to name for Linux cooked v2 captures (tcpdump's if_indextoname), cached. */
final class InterfaceNames {
    private final Map<Integer, String> names = new HashMap<>();

    String name(int index) {
        return names.computeIfAbsent(index, i -> {
            try {
                NetworkInterface n = NetworkInterface.getByIndex(i);
                return n == null ? "if" + i : dev.netkit.TerminalText.escape(n.getName());
            } catch (SocketException | RuntimeException e) {
                return "if" + i;
            }
        });
    }
}
