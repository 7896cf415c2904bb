package dev.netkit.trace;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Origin AS numbers and names by DNS TXT in Team Cymru's format: {@code 10.10.18.198.origin.asn.cymru.com} gives
 * {@code "64510 | 198.18.10.0/24 | ZZ | lab | 2024-01-01"} and {@code AS64510.asn.cymru.com} gives
 * {@code "64510 | ZZ | lab | 2024-01-01 | NAME"}. IPv6 uses nibbles under {@code origin6.}. Addresses without an
 * answer are marked private, reserved or unknown. Results are cached.
 */
public final class AsnResolver {
    private final String originZone;
    private final String origin6Zone;
    private final String namesZone;
    private final Map<InetAddress, Asn> cache = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    /** @param originZone the IPv4 origin zone, e.g. "origin.asn.cymru.com" (its "origin6." sibling serves IPv6) */
    public AsnResolver(String originZone) {
        String z = originZone.endsWith(".") ? originZone.substring(0, originZone.length() - 1) : originZone;
        this.originZone = z;
        this.origin6Zone = z.startsWith("origin.") ? "origin6." + z.substring(7) : z;
        this.namesZone = z.startsWith("origin.") ? z.substring(7) : z;
    }

    public Asn lookup(InetAddress address) {
        return cache.computeIfAbsent(address, this::resolve);
    }

    private Asn resolve(InetAddress address) {
        String q = reversed(address) + "." + (address instanceof Inet6Address ? origin6Zone : originZone) + ".";
        List<String> txt = txt(q);
        for (String t : txt) {
            String[] f = t.split("\\|");
            try {
                long n = Long.parseLong(f[0].trim().split("\\s+")[0]);
                return new Asn(n, name(n), null);
            } catch (NumberFormatException e) {
                // not an origin record; try the next
            }
        }
        return Asn.none(classify(address));
    }

    private String name(long asn) {
        return names.computeIfAbsent(asn, n -> {
            for (String t : txt("AS" + n + "." + namesZone + ".")) {
                String[] f = t.split("\\|");
                if (f.length >= 5) {
                    return f[4].trim();
                }
            }
            return null;
        });
    }

    private static List<String> txt(String name) {
        try {
            Lookup l = new Lookup(name, Type.TXT);
            Record[] rs = l.run();
            if (rs == null) {
                return List.of();
            }
            List<String> out = new java.util.ArrayList<>();
            for (Record r : rs) {
                if (r instanceof TXTRecord t) {
                    out.add(String.join("", t.getStrings()));
                }
            }
            return out;
        } catch (TextParseException e) {
            return List.of();
        }
    }

    /** "10.10.18.198" or the IPv6 nibbles, reversed, as the origin zones name addresses. */
    static String reversed(InetAddress a) {
        byte[] b = a.getAddress();
        StringBuilder s = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                s.append(b[i] & 0xff).append(i > 0 ? "." : "");
            }
        } else {
            for (int i = 15; i >= 0; i--) {
                s.append(Integer.toHexString(b[i] & 0x0f)).append('.').append(Integer.toHexString((b[i] >> 4) & 0x0f));
                if (i > 0) {
                    s.append('.');
                }
            }
        }
        return s.toString();
    }

    /** "private" (RFC 1918, ULA), "reserved" (benchmarking, documentation, loopback, link-local, CGN) or "unknown". */
    static String classify(InetAddress a) {
        byte[] b = a.getAddress();
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (b.length == 4) {
            if (o0 == 10 || (o0 == 172 && (o1 & 0xf0) == 16) || (o0 == 192 && o1 == 168)) {
                return "private";
            }
            if (o0 == 127 || o0 == 0 || o0 >= 224 || (o0 == 169 && o1 == 254) || (o0 == 198 && (o1 & 0xfe) == 18)
                    || (o0 == 100 && (o1 & 0xc0) == 64) || (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 2)
                    || (o0 == 198 && o1 == 51 && (b[2] & 0xff) == 100) || (o0 == 203 && o1 == 0 && (b[2] & 0xff) == 113)) {
                return "reserved";
            }
            return "unknown";
        }
        if ((o0 & 0xfe) == 0xfc) {
            return "private";
        }
        if ((o0 == 0x20 && o1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) || a.isLoopbackAddress()
                || a.isLinkLocalAddress() || a.isMulticastAddress()) {
            return "reserved";
        }
        return "unknown";
    }
}
