package dev.netkit.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolver configuration (resolv.conf(5)): name servers and search domains. Inside a namespace started with
 * 'ip netns exec', /etc/resolv.conf is already the namespace's own /etc/netns/NAME/resolv.conf.
 */
public record ResolvConf(List<String> nameservers, List<String> search) {

    public static ResolvConf parse(String text) {
        List<String> ns = new ArrayList<>();
        List<String> search = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f[0].equals("nameserver") && f.length > 1) {
                ns.add(f[1]);
            } else if ((f[0].equals("search") || f[0].equals("domain")) && f.length > 1) {
                search.clear(); // the last search or domain line wins
                for (int i = 1; i < f.length; i++) {
                    search.add(f[i]);
                }
            }
        }
        return new ResolvConf(ns, search);
    }

    public static ResolvConf read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return new ResolvConf(List.of(), List.of());
        }
    }
}
