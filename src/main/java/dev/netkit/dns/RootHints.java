package dev.netkit.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where iteration starts: the root's name servers and their addresses, read from a root hints file in zone
 * file format (as {@code named.root}). The built-in hints are the real root servers; the lab has its own.
 */
public record RootHints(Map<Name, List<InetAddress>> servers) {

    /** The real root servers (IANA's named.root), for use outside the lab. */
    public static RootHints builtIn() {
        try (InputStream in = RootHints.class.getResourceAsStream("named.root")) {
            return parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in root hints are unreadable", e);
        }
    }

    public static RootHints load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    static RootHints parse(InputStream in) throws IOException {
        Map<Name, List<InetAddress>> servers = new LinkedHashMap<>();
        List<Record> addresses = new ArrayList<>();
        try (Master m = new Master(in, Name.root)) {
            m.disableIncludes();
            for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
                if (r instanceof NSRecord ns && r.getName().equals(Name.root)) {
                    servers.putIfAbsent(ns.getTarget(), new ArrayList<>());
                } else if (r instanceof ARecord || r instanceof AAAARecord) {
                    addresses.add(r);
                }
            }
        }
        for (Record r : addresses) {
            List<InetAddress> list = servers.get(r.getName());
            if (list != null) {
                list.add(r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress());
            }
        }
        servers.values().removeIf(List::isEmpty);
        if (servers.isEmpty()) {
            throw new IOException("no root name server with an address in the hints");
        }
        return new RootHints(servers);
    }
}
