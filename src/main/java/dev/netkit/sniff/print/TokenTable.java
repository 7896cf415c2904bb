package dev.netkit.sniff.print;

import java.util.HashMap;
import java.util.Map;

/** tcpdump's value-to-name tables (its struct tok), written as {@code "1:name|2:other"}. */
final class TokenTable {
    private TokenTable() {
    }

    static Map<Integer, String> parse(String table) {
        Map<Integer, String> names = new HashMap<>();
        for (String e : table.split("\\|")) {
            int colon = e.indexOf(':');
            names.put(Integer.parseInt(e.substring(0, colon)), e.substring(colon + 1));
        }
        return Map.copyOf(names);
    }
}
