package dev.netkit.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Service names of ports from /etc/services (services(5)): 22/tcp is ssh. Empty when the file is missing.
 * <p>
 * The table is read on the first lookup, not before: {@code nc -z HOST PORT} and a numeric port look nothing up,
 * and reading the file at start cost a call a tenth of its time (issue 17), most of it compiling a regular
 * expression per line, which the fields are now split without.
 */
public final class Services {
    private final List<Path> files;
    private String text;
    private Map<String, String> nameByPortProto;
    private Map<String, Integer> portByNameProto;
    /** A name look-up was answered from the text without parsing it (see {@link #name}). */
    private boolean answeredUnparsed;

    /** The table in {@code text}, in services(5)'s format. */
    public Services(String text) {
        this.text = text;
        this.files = List.of();
    }

    /** The table of the first of {@code files} that can be read; empty when none can. */
    private Services(List<Path> files) {
        this.files = files;
    }

    /** The system's /etc/services. */
    public static Services system() {
        return new Services(List.of(Path.of("/etc/services")));
    }

    /**
     * nmap's own table ({@code /usr/share/nmap/nmap-services}: the same first two columns, then a frequency) when
     * it is installed, else the system's: the names nmap's XML carries (9998/tcp is distinct32 there).
     */
    public static Services nmapOrSystem() {
        return new Services(List.of(Path.of("/usr/share/nmap/nmap-services"), Path.of("/etc/services")));
    }

    /** The service name of {@code port}/{@code proto}, or null. */
    public synchronized String name(int port, String proto) {
        if (nameByPortProto == null) {
            String t = text();
            if (!answeredUnparsed && !t.contains(port + "/")) {
                // no line can name the port (a one-port scan's unknown one): not worth parsing the table. Once only:
                // a capture or a longer scan goes on looking ports up, and searching the text each time would cost
                // every packet more than the one parse
                answeredUnparsed = true;
                return null;
            }
            nameByPortProto = new HashMap<>();
            parse(t, nameByPortProto, null);
        }
        return nameByPortProto.get(port + "/" + proto);
    }

    /** The port of a service name for tcp or udp (tcp first), or -1. */
    public synchronized int port(String name) {
        if (portByNameProto == null) {
            portByNameProto = new HashMap<>();
            parse(text(), null, portByNameProto);
        }
        String n = name.toLowerCase(Locale.ROOT);
        Integer p = portByNameProto.get(n + "/tcp");
        if (p == null) {
            p = portByNameProto.get(n + "/udp");
        }
        return p == null ? -1 : p;
    }

    /**
     * The table's text, read once (lookups are synchronized: sniff's printer may look names up from more than one
     * thread).
     */
    private String text() {
        if (text == null) {
            text = "";
            for (Path f : files) {
                try {
                    text = Files.readString(f);
                    break;
                } catch (IOException e) {
                    // the next one, else an empty table
                }
            }
        }
        return text;
    }

    /**
     * Lines of {@code name port/proto [aliases...]}; '#' starts a comment; other lines are skipped. Fills the map that
     * is not null: a name look-up (scan, sniff) builds no map of aliases, half of the work.
     */
    private static void parse(String text, Map<String, String> names, Map<String, Integer> ports) {
        String[] f = new String[8];
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String l = (hash < 0 ? line : line.substring(0, hash)).strip();
            int n = 0;
            for (int i = 0; i < l.length(); ) {
                int end = i;
                while (end < l.length() && !space(l.charAt(end))) {
                    end++;
                }
                if (n == f.length) {
                    f = java.util.Arrays.copyOf(f, n * 2);
                }
                f[n++] = l.substring(i, end);
                if (ports == null && n == 2) {
                    break; // a name look-up needs no aliases
                }
                i = end;
                while (i < l.length() && space(l.charAt(i))) {
                    i++;
                }
            }
            if (n < 2) {
                continue;
            }
            String[] pp = f[1].split("/");
            if (pp.length != 2) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(pp[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            String proto = pp[1].toLowerCase(Locale.ROOT);
            if (names != null) {
                names.putIfAbsent(port + "/" + proto, f[0]);
            }
            for (int i = 0; ports != null && i < n; i++) {
                if (i != 1) {
                    ports.putIfAbsent(f[i].toLowerCase(Locale.ROOT) + "/" + proto, port);
                }
            }
        }
    }

    /** The characters of the regular expression {@code \s}, which separated the fields before. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
