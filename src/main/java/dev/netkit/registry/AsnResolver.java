package dev.netkit.registry;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Origin AS numbers and names by DNS TXT in Team Cymru's format: {@code 10.10.18.198.origin.asn.cymru.com} gives
 * {@code "64510 | 198.18.10.0/24 | ZZ | lab | 2024-01-01"} and {@code AS64510.asn.cymru.com} gives
 * {@code "64510 | ZZ | lab | 2024-01-01 | NAME"}. IPv6 uses nibbles under {@code origin6.}. Addresses without an
 * answer are marked private, reserved or unknown. Results are cached. {@code trace --asn} and {@code asn} share it.
 */
public final class AsnResolver {
    /** One origin of a prefix, from an origin TXT record: the AS, the BGP prefix, country, registry, date. */
    public record Origin(long asn, String prefix, String country, String registry, String allocated) {
    }

    /** An AS from its {@code AS<n>} TXT record: country, registry, allocation date and name. */
    public record AsName(long asn, String country, String registry, String allocated, String name) {
    }

    /** The DNS did not answer at all (timeout, unreachable server): not the same as "no such record". */
    public static final class Unanswered extends RuntimeException {
        Unanswered(String name, String why) {
            super(name + ": " + why);
        }
    }

    private final String originZone;
    private final String origin6Zone;
    private final String namesZone;
    private final Resolver resolver;
    private final Map<InetAddress, Asn> cache = new HashMap<>();
    private final Map<Long, Optional<AsName>> names = new HashMap<>();

    /** @param originZone the IPv4 origin zone, e.g. "origin.asn.cymru.com" (its "origin6." sibling serves IPv6) */
    public AsnResolver(String originZone) {
        this(originZone, null);
    }

    /** As {@link #AsnResolver(String)}, asking {@code resolver} instead of the system's (null: the system's). */
    public AsnResolver(String originZone, Resolver resolver) {
        String z = originZone.endsWith(".") ? originZone.substring(0, originZone.length() - 1) : originZone;
        this.originZone = z;
        this.origin6Zone = z.startsWith("origin.") ? "origin6." + z.substring(7) : z;
        this.namesZone = z.startsWith("origin.") ? z.substring(7) : z;
        this.resolver = resolver;
    }

    /** The first origin AS of {@code address} with its name, or why there is none (trace's view). */
    public Asn lookup(InetAddress address) {
        return cache.computeIfAbsent(address, this::resolve);
    }

    private Asn resolve(InetAddress address) {
        List<Origin> os;
        try {
            os = origins(address);
        } catch (Unanswered e) {
            os = List.of(); // trace shows the hop without its AS rather than failing
        }
        if (os.isEmpty()) {
            return Asn.none(classify(address));
        }
        long n = os.get(0).asn();
        String name;
        try {
            name = asName(n).map(AsName::name).orElse(null);
        } catch (Unanswered e) {
            name = null;
        }
        return new Asn(n, name, null);
    }

    /** The TXT name that holds the origins of {@code address}. */
    public String originName(InetAddress address) {
        return reversed(address) + "." + (address instanceof Inet6Address ? origin6Zone : originZone) + ".";
    }

    /** The TXT name that holds the name of AS {@code asn}. */
    public String asName(long asn, boolean fqdn) {
        return "AS" + asn + "." + namesZone + (fqdn ? "." : "");
    }

    /**
     * Every origin of {@code address}, one per AS (a TXT record may list several, "23028 7922 | ..."), in the
     * order served; empty when there is none.
     */
    public List<Origin> origins(InetAddress address) {
        List<Origin> out = new ArrayList<>();
        for (String t : txt(originName(address))) {
            String[] f = t.split("\\|", -1);
            String prefix = field(f, 1);
            for (String as : f[0].trim().split("\\s+")) {
                try {
                    out.add(new Origin(Long.parseLong(as), prefix, field(f, 2), field(f, 3), field(f, 4)));
                } catch (NumberFormatException e) {
                    // not an origin record; try the next
                }
            }
        }
        return out;
    }

    /** The AS record of {@code asn}, when the zone has one. */
    public Optional<AsName> asName(long asn) {
        return names.computeIfAbsent(asn, n -> {
            for (String t : txt(asName(n, true))) {
                String[] f = t.split("\\|", -1);
                if (f.length >= 5) {
                    return Optional.of(new AsName(n, field(f, 1), field(f, 2), field(f, 3), field(f, 4)));
                }
            }
            return Optional.empty();
        });
    }

    /** The trimmed field {@code i}, or null when absent or empty. */
    private static String field(String[] f, int i) {
        if (i >= f.length) {
            return null;
        }
        String s = f[i].trim();
        return s.isEmpty() ? null : s;
    }

    private List<String> txt(String name) {
        try {
            Lookup l = new Lookup(name, Type.TXT);
            if (resolver != null) {
                l.setResolver(resolver);
            }
            Record[] rs = l.run();
            if (rs == null) {
                if (l.getResult() == Lookup.TRY_AGAIN || l.getResult() == Lookup.UNRECOVERABLE) {
                    throw new Unanswered(name, l.getErrorString());
                }
                return List.of();
            }
            List<String> out = new ArrayList<>();
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
    public static String classify(InetAddress a) {
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
