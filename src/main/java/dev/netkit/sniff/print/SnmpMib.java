package dev.netkit.sniff.print;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The MIB tree tcpdump names object identifiers with when built without libsmi and run without -n (print-snmp.c's
 * mibroot, mib.h: MIB-II), and its four abbreviated prefixes. Debian's tcpdump is built so.
 */
final class SnmpMib {
    /** A prefix tcpdump prints as a short word: its BER encoding, the arcs it stands for, and the word. */
    record Abbreviation(byte[] encoded, String arcs, String word) {
    }

    /** In tcpdump's order: mib-2 (no word), enterprises ("E:"), experimental ("X:"), snmpModules ("S:"). */
    static final Abbreviation[] ABBREVIATIONS = {
        new Abbreviation(new byte[] {0x2b, 6, 1, 2, 1}, "1.3.6.1.2.1", ""),
        new Abbreviation(new byte[] {0x2b, 6, 1, 4, 1}, "1.3.6.1.4.1", "E:"),
        new Abbreviation(new byte[] {0x2b, 6, 1, 3}, "1.3.6.1.3", "X:"),
        new Abbreviation(new byte[] {0x2b, 6, 1, 6, 3}, "1.3.6.1.6.3", "S:"),
    };

    private static final class Holder {
        static final Map<String, String> NAMES = load();
    }

    private SnmpMib() {
    }

    /** The name of the node at the dotted arcs {@code arcs} ("1.3.6.1.2.1.1"), or null when the tree has none. */
    static String name(String arcs) {
        return Holder.NAMES.get(arcs);
    }

    private static Map<String, String> load() {
        try (InputStream in = SnmpMib.class.getResourceAsStream("snmp-mib.txt")) {
            if (in == null) {
                throw new IllegalStateException("the resource snmp-mib.txt is missing from the jar");
            }
            Map<String, String> names = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int space = line.indexOf(' ');
                    names.put(line.substring(0, space), line.substring(space + 1).strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
