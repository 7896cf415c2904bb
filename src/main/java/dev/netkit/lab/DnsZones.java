package dev.netkit.lab;

import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lab's DNS data as zone files: the root zone (delegating {@code test.} and the reverse zones),
 * the {@code test.} TLD (delegating {@code netkit.test.}), and netkit.test. itself with every host,
 * a CNAME chain, MX, TXT (one too big for 512-byte UDP), SRV, a lame delegation, a record that is
 * tampered with after signing and a Team-Cymru-style ASN zone under {@code asn.netkit.test.}.
 */
public final class DnsZones {
    /** The reverse zone of 198.18.0.0/16. */
    public static final String REVERSE4 = "18.198.in-addr.arpa.";
    /** The reverse zone of 2001:db8::/32. */
    public static final String REVERSE6 = "8.b.d.0.1.0.0.2.ip6.arpa.";
    /** Where the ASN TXT records live: {@code <reversed address>.origin.asn.netkit.test.}, {@code AS<n>.asn...}. */
    public static final String ASN_ZONE = "asn.netkit.test.";
    /** The owner name (in netkit.test.) of the record whose data is changed after signing: DNSSEC says bogus. */
    public static final String TAMPERED = "tampered";
    /** The A record's address as signed: server's. */
    public static final String TAMPERED_SIGNED = "198.18.10.10";
    /** The address served instead, under the signature of {@link #TAMPERED_SIGNED}: the lab's unused .99. */
    public static final String TAMPERED_SERVED = "198.18.10.99";
    /** The SOA timers: serial, refresh, retry, expire, negative TTL. */
    private static final String SOA_TIMERS = "1 3600 600 86400 60";
    private static final String HEADER = "$TTL 300\n";

    private final Topology topology;

    public DnsZones(Topology topology) {
        this.topology = topology;
    }

    /** Where the server of a role lives: its host name, or null when the topology has none. */
    private String serverOf(Service service) {
        List<Host> hs = topology.hostsRunning(service);
        return hs.isEmpty() ? null : hs.get(0).name();
    }

    private void addressRecords(StringBuilder z, String owner, String host) {
        for (String a : topology.addresses(host)) {
            z.append(owner).append(" IN ").append(a.contains(":") ? "AAAA " : "A ").append(a).append('\n');
        }
    }

    /** The root zone: NS and glue of the root server, delegations of test. and both reverse zones. */
    public String root() {
        String root = serverOf(Service.DNS_ROOT);
        String tld = serverOf(Service.DNS_TLD);
        String auth = serverOf(Service.DNS_AUTH);
        StringBuilder z = new StringBuilder(HEADER);
        z.append(". IN SOA ").append(fqdn(root)).append(" hostmaster.netkit.test. ").append(SOA_TIMERS).append('\n');
        z.append(". IN NS ").append(fqdn(root)).append('\n');
        addressRecords(z, fqdn(root), root);
        z.append("test. IN NS ").append(fqdn(tld)).append('\n');
        addressRecords(z, fqdn(tld), tld);
        z.append(REVERSE4).append(" IN NS ").append(fqdn(auth)).append('\n');
        z.append(REVERSE6).append(" IN NS ").append(fqdn(auth)).append('\n');
        addressRecords(z, fqdn(auth), auth);
        return z.toString();
    }

    /** The test. TLD: delegates netkit.test. to the authoritative server. */
    public String test() {
        String tld = serverOf(Service.DNS_TLD);
        String auth = serverOf(Service.DNS_AUTH);
        StringBuilder z = new StringBuilder(HEADER);
        z.append("test. IN SOA ").append(fqdn(tld)).append(" hostmaster.netkit.test. ").append(SOA_TIMERS)
                .append('\n');
        z.append("test. IN NS ").append(fqdn(tld)).append('\n');
        addressRecords(z, fqdn(tld), tld);
        z.append("netkit.test. IN NS ").append(fqdn(auth)).append('\n');
        addressRecords(z, fqdn(auth), auth);
        return z.toString();
    }

    /** netkit.test.: every host, www -> web -> server, MX, TXT, SRV, a lame delegation and the ASN data. */
    public String netkit() {
        String auth = serverOf(Service.DNS_AUTH);
        String web = serverOf(Service.WEB);
        String resolver = serverOf(Service.RESOLVER);
        StringBuilder z = new StringBuilder(HEADER);
        z.append("$ORIGIN netkit.test.\n");
        z.append("@ IN SOA ").append(fqdn(auth)).append(" hostmaster.netkit.test. ").append(SOA_TIMERS).append('\n');
        z.append("@ IN NS ").append(auth).append('\n');
        z.append("@ IN MX 10 ").append(web).append('\n');
        z.append("@ IN TXT \"v=spf1 ip4:198.18.10.10 ip6:2001:db8:10::10 -all\"\n");
        z.append("@ IN TXT \"netkit lab: every name here lives in network namespaces on one machine\"\n");
        for (Host h : topology.hosts()) {
            addressRecords(z, h.name(), h.name());
        }
        z.append("www IN CNAME web\n");
        z.append("web IN CNAME ").append(web).append('\n');
        z.append("mail IN CNAME ").append(web).append('\n');
        z.append("info IN TXT \"lab=internet\" \"course=netkit\"\n");
        z.append("info IN TXT \"hosts=").append(topology.hosts().size()).append("\"\n");
        z.append("big IN TXT ").append(bigTxt()).append('\n');
        z.append("_http._tcp IN SRV 10 60 80 ").append(web).append('\n');
        z.append("_https._tcp IN SRV 10 60 443 ").append(web).append('\n');
        z.append("_ssh._tcp IN SRV 10 60 22 ").append(web).append('\n');
        z.append("_echo._udp IN SRV 10 60 7 ").append(web).append('\n');
        z.append("_dns._udp IN SRV 10 60 53 ").append(resolver).append('\n');
        // lame: delegated to the TLD server, which is not authoritative for it (an upward referral): SERVFAIL at once.
        z.append("lame IN NS ").append(serverOf(Service.DNS_TLD)).append('\n');
        // silent: delegated to a host that runs no DNS (ICMP port unreachable): the resolver times out, slowly.
        z.append("silent IN NS ns.silent\n");
        addressRecords(z, "ns.silent", web);
        // signed with server's address; the signed zone then serves TAMPERED_SERVED under that signature
        z.append(TAMPERED).append(" IN A ").append(TAMPERED_SIGNED).append('\n');
        registryNames(z);
        asn(z);
        return z.toString();
    }

    /** The lab registry's names: whois.netkit.test, iana.netkit.test (the root whois) and rdap.netkit.test. */
    private void registryNames(StringBuilder z) {
        String registry = serverOf(Service.WHOIS);
        String root = serverOf(Service.WHOIS_ROOT);
        String web = serverOf(Service.WEB);
        if (registry != null) {
            z.append(Registry.WHOIS_NAME).append(" IN CNAME ").append(registry).append('\n');
        }
        if (root != null) {
            z.append(Registry.ROOT_NAME).append(" IN CNAME ").append(root).append('\n');
        }
        if (web != null) {
            z.append(Registry.RDAP_NAME).append(" IN CNAME ").append(web).append('\n');
        }
    }

    /** A TXT RRset of three 200-byte strings: over 512 bytes, so plain UDP answers are truncated. */
    static String bigTxt() {
        StringBuilder all = new StringBuilder();
        for (int part = 1; part <= 3; part++) {
            StringBuilder s = new StringBuilder("part" + part + ":");
            while (s.length() < 200) {
                s.append(" this record is larger than 512 bytes so DNS over UDP without EDNS must fall back to TCP.");
            }
            all.append('"').append(s, 0, 200).append("\" ");
        }
        return all.toString().strip();
    }

    /** The networks of the topology, each once: address family, CIDR and the net number (198.18.NN). */
    record Network(String cidr, int net) {
        boolean ipv6() {
            return cidr.contains(":");
        }

        int prefixLength() {
            return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        }

        /** Private-use AS 645NN (RFC 6996 range 64512 and up is for private use; 64496-64511 for docs). */
        int asn() {
            return 64500 + net;
        }
    }

    List<Network> networks() {
        Set<Network> nets = new LinkedHashSet<>();
        for (Host h : topology.hosts()) {
            for (Topology.Interface i : topology.interfaces(h.name())) {
                for (String cidr : i.addresses()) {
                    nets.add(new Network(networkOf(cidr), netNumber(cidr)));
                }
            }
        }
        return new ArrayList<>(nets);
    }

    private static final Map<Integer, String> NET_NAMES = Map.of(
            1, "NETKIT-CLIENT-LAN - netkit lab client LAN",
            2, "NETKIT-R1-R2 - netkit lab link r1-r2",
            3, "NETKIT-R2-R3 - netkit lab link r2-r3",
            10, "NETKIT-SERVER-LAN - netkit lab server LAN",
            NatEdge.HOME_NET, "NETKIT-HOME-LAN - netkit lab home LAN behind nat");

    /** "NETKIT-SERVER-LAN - netkit lab server LAN": the name of network NN (the registry uses it too). */
    static String netName(int net) {
        return NET_NAMES.getOrDefault(net, "NETKIT-NET" + net);
    }

    /** Team Cymru's format: origin TXT per address, {@code "ASN | prefix | CC | registry | date"}. */
    private void asn(StringBuilder z) {
        Map<Integer, Boolean> seenAs = new LinkedHashMap<>();
        for (Network n : networks()) {
            String txt = "\"" + n.asn() + " | " + n.cidr() + " | ZZ | lab | 2026-01-01\"";
            for (String owner : originOwners(n)) {
                z.append(owner).append(" IN TXT ").append(txt).append('\n');
            }
            if (seenAs.put(n.asn(), true) == null) {
                z.append("AS").append(n.asn()).append(".asn IN TXT \"").append(n.asn()).append(" | ZZ | lab | 2026-01-01 | ")
                        .append(netName(n.net())).append(", ZZ\"\n");
            }
        }
    }

    /** Owner names (relative to netkit.test.) that cover every address of the network. */
    static List<String> originOwners(Network n) {
        List<String> owners = new ArrayList<>();
        if (n.ipv6()) {
            // a /64: wildcard under the 16 reversed nibbles of the prefix
            String nibbles = reverseNibbles(n.cidr().substring(0, n.cidr().indexOf('/')));
            owners.add("*." + nibbles.substring(nibbles.length() - 31) + ".origin6.asn");
        } else {
            String[] o = n.cidr().substring(0, n.cidr().indexOf('/')).split("\\.");
            int len = n.prefixLength();
            if (len == 24) {
                owners.add("*." + o[2] + "." + o[1] + "." + o[0] + ".origin.asn");
            } else {
                int base = Integer.parseInt(o[3]);
                for (int i = 0; i < (1 << (32 - len)); i++) {
                    owners.add((base + i) + "." + o[2] + "." + o[1] + "." + o[0] + ".origin.asn");
                }
            }
        }
        return owners;
    }

    /** The reverse zone of 198.18.0.0/16: a PTR for every address of every host. */
    public String reverse4() {
        StringBuilder z = reverseHeader(REVERSE4);
        for (Host h : topology.hosts()) {
            for (String a : topology.addresses(h.name())) {
                if (!a.contains(":")) {
                    String[] o = a.split("\\.");
                    z.append(o[3]).append('.').append(o[2]).append(".18.198.in-addr.arpa. IN PTR ")
                            .append(fqdn(h.name())).append('\n');
                }
            }
        }
        return z.toString();
    }

    /** The reverse zone of 2001:db8::/32. */
    public String reverse6() {
        StringBuilder z = reverseHeader(REVERSE6);
        for (Host h : topology.hosts()) {
            for (String a : topology.addresses(h.name())) {
                if (a.contains(":")) {
                    z.append(reverseNibbles(a)).append(".ip6.arpa. IN PTR ").append(fqdn(h.name())).append('\n');
                }
            }
        }
        return z.toString();
    }

    private StringBuilder reverseHeader(String origin) {
        String auth = serverOf(Service.DNS_AUTH);
        StringBuilder z = new StringBuilder(HEADER);
        z.append(origin).append(" IN SOA ").append(fqdn(auth)).append(" hostmaster.netkit.test. ").append(SOA_TIMERS)
                .append('\n');
        z.append(origin).append(" IN NS ").append(fqdn(auth)).append('\n');
        return z;
    }

    /** Root hints for the resolver: the lab's root server only. */
    public String rootHints() {
        String root = serverOf(Service.DNS_ROOT);
        StringBuilder z = new StringBuilder(". 3600000 IN NS ").append(fqdn(root)).append('\n');
        for (String a : topology.addresses(root)) {
            z.append(fqdn(root)).append(" 3600000 IN ").append(a.contains(":") ? "AAAA " : "A ").append(a).append('\n');
        }
        return z.toString();
    }

    static String fqdn(String host) {
        return host + ".netkit.test.";
    }

    /** 2001:db8:10::10 -> "0.1.0.0 ... 8.b.d.0.1.0.0.2" (32 nibbles, least significant first, no trailing zone). */
    static String reverseNibbles(String address) {
        byte[] b;
        try {
            b = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
        StringBuilder s = new StringBuilder();
        for (int i = b.length - 1; i >= 0; i--) {
            s.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xf, 16));
            if (i > 0) {
                s.append('.');
            }
        }
        return s.toString();
    }

    /** 198.18.10.53/24 -> 198.18.10.0/24; 2001:db8:10::53/64 -> 2001:db8:10::/64. */
    static String networkOf(String cidr) {
        String addr = cidr.substring(0, cidr.indexOf('/'));
        int len = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        byte[] b;
        try {
            b = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, len - i * 8));
            b[i] = (byte) (b[i] & (0xff << (8 - keep)));
        }
        try {
            String net = InetAddress.getByAddress(b).getHostAddress();
            if (net.contains(":")) {
                net = compress6(net);
            }
            return net + "/" + len;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    /** Java prints 2001:db8:10:0:0:0:0:0; the zone wants 2001:db8:10::. */
    static String compress6(String full) {
        String s = full.replaceFirst("(^|:)(0(:0)+)(:|$)", "::");
        return s.replaceAll(":::+", "::");
    }

    /** 198.18.NN.x -> NN; 2001:db8:NN::x -> NN read as decimal digits. */
    static int netNumber(String cidr) {
        if (cidr.contains(":")) {
            return Integer.parseInt(cidr.split(":")[2]);
        }
        return Integer.parseInt(cidr.split("\\.")[2]);
    }
}
