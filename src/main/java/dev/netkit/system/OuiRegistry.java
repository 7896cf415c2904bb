package dev.netkit.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The IEEE OUI registry (MA-L assignments) as Debian's ieee-data installs it, read at run time: vendors of MAC
 * addresses. Without the package every vendor is "(Unknown)"; locally administered addresses have no vendor.
 * The installed registry is read on the first lookup of a globally administered MAC, not before (5 MB of text).
 */
public final class OuiRegistry {
    public static final String LOCAL = "(locally administered)";
    public static final String UNKNOWN = "(Unknown)";
    private static final List<Path> FILES = List.of(Path.of("/usr/share/ieee-data/oui.txt"),
            Path.of("/usr/share/ieee-data/oui.csv"));
    private static OuiRegistry system;

    private final Supplier<Map<Integer, String>> source;
    private Map<Integer, String> vendors;

    public OuiRegistry(Map<Integer, String> vendors) {
        this.source = () -> vendors;
    }

    private OuiRegistry(Supplier<Map<Integer, String>> source) {
        this.source = source;
    }

    /** The installed registry (read once, when first needed), or an empty one when ieee-data is not installed. */
    public static synchronized OuiRegistry system() {
        if (system == null) {
            system = new OuiRegistry(OuiRegistry::readInstalled);
        }
        return system;
    }

    private static Map<Integer, String> readInstalled() {
        for (Path p : FILES) {
            if (Files.isReadable(p)) {
                try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    return parse(r, p.toString().endsWith(".csv"));
                } catch (IOException | java.io.UncheckedIOException e) {
                    // unreadable registry: no vendors
                }
            }
        }
        return Map.of();
    }

    private synchronized Map<Integer, String> vendors() {
        if (vendors == null) {
            vendors = source.get();
        }
        return vendors;
    }

    /** Reads oui.txt ({@code 00-22-72   (hex)\t\tVendor}) or oui.csv ({@code MA-L,002272,Vendor,...}). */
    static Map<Integer, String> parse(BufferedReader r, boolean csv) throws IOException {
        Map<Integer, String> m = new HashMap<>(65536);
        String line;
        while ((line = r.readLine()) != null) {
            if (csv) {
                if (!line.startsWith("MA-L,") || line.length() < 12) {
                    continue;
                }
                String rest = line.substring(12);
                String name = rest.startsWith("\"") ? rest.substring(1, Math.max(1, rest.indexOf('"', 1)))
                        : rest.substring(0, rest.indexOf(',') < 0 ? rest.length() : rest.indexOf(','));
                put(m, line.substring(5, 11), name);
            } else {
                int hex = line.indexOf("(hex)");
                if (hex == 8 || (hex > 8 && line.charAt(2) == '-')) {
                    put(m, line.substring(0, 8).replace("-", ""), line.substring(hex + 5).strip());
                }
            }
        }
        return m;
    }

    private static void put(Map<Integer, String> m, String sixHex, String name) {
        try {
            m.putIfAbsent(Integer.parseInt(sixHex, 16), name.strip());
        } catch (NumberFormatException e) {
            // not an assignment line
        }
    }

    /** The vendor of a MAC given as its six octets. */
    public String vendor(byte[] mac) {
        if ((mac[0] & 2) != 0) {
            return LOCAL;
        }
        int oui = (mac[0] & 0xff) << 16 | (mac[1] & 0xff) << 8 | (mac[2] & 0xff);
        return vendors().getOrDefault(oui, UNKNOWN);
    }

    public int size() {
        return vendors().size();
    }
}
