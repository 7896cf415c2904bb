package dev.netkit.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Service names of ports from /etc/services (services(5)): 22/tcp is ssh. Empty when the file is missing. */
public final class Services {
    private final Map<String, String> nameByPortProto = new HashMap<>();
    private final Map<String, Integer> portByNameProto = new HashMap<>();

    public Services(String text) {
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String l = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length < 2) {
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
            nameByPortProto.putIfAbsent(port + "/" + proto, f[0]);
            for (int i = 0; i < f.length; i++) {
                if (i != 1) {
                    portByNameProto.putIfAbsent(f[i].toLowerCase(Locale.ROOT) + "/" + proto, port);
                }
            }
        }
    }

    /** The system's /etc/services. */
    public static Services system() {
        try {
            return new Services(Files.readString(Path.of("/etc/services")));
        } catch (IOException e) {
            return new Services("");
        }
    }

    /**
     * nmap's own table ({@code /usr/share/nmap/nmap-services}: the same first two columns, then a frequency) when
     * it is installed, else the system's: the names nmap's XML carries (9998/tcp is distinct32 there).
     */
    public static Services nmapOrSystem() {
        try {
            return new Services(Files.readString(Path.of("/usr/share/nmap/nmap-services")));
        } catch (IOException e) {
            return system();
        }
    }

    /** The service name of {@code port}/{@code proto}, or null. */
    public String name(int port, String proto) {
        return nameByPortProto.get(port + "/" + proto);
    }

    /** The port of a service name for tcp or udp (tcp first), or -1. */
    public int port(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Integer p = portByNameProto.get(n + "/tcp");
        if (p == null) {
            p = portByNameProto.get(n + "/udp");
        }
        return p == null ? -1 : p;
    }
}
