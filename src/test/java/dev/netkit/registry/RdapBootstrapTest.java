package dev.netkit.registry;

import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 9224 matching: the most labels, the longest prefix and the narrowest AS range win; the jar's copy loads. */
class RdapBootstrapTest {
    private static final String FILE = """
            {"version": "1.0", "publication": "2026-12-01T00:00:00Z", "services": [
              [["test"], ["https://tld.example/"]],
              [["netkit.test", "other"], ["http://plain.example/rdap", "https://secure.example/rdap/"]],
              [["198.18.0.0/15"], ["https://wide4.example/"]],
              [["198.18.10.0/24"], ["https://narrow4.example/"]],
              [["2001:db8::/32"], ["https://wide6.example/"]],
              [["2001:db8:10::/48"], ["https://narrow6.example/"]],
              [["64496-64511"], ["https://wideas.example/"]],
              [["64510"], ["https://oneas.example/"]],
              [["64500-64510"], ["https://midas.example/"]]
            ]}""";
    private static final RdapBootstrap B = RdapBootstrap.parse(List.of(FILE), "test");

    private static String server(String query) {
        return B.serverFor(RegistryQuery.parse(query)).map(URI::toString).orElse("none");
    }

    @Test
    void domainsTakeTheEntryWithTheMostLabelsAndPreferHttps() {
        assertEquals("https://secure.example/rdap/", server("www.netkit.test"));
        assertEquals("https://secure.example/rdap/", server("netkit.test"));
        assertEquals("https://tld.example/", server("other.test"));
        assertEquals("none", server("example.com"));
        assertEquals("none", server("xnetkit.test.com"));
    }

    @Test
    void addressesAndPrefixesTakeTheLongestCoveringPrefix() {
        assertEquals("https://narrow4.example/", server("198.18.10.10"));
        assertEquals("https://narrow4.example/", server("198.18.10.0/25"));
        assertEquals("https://wide4.example/", server("198.18.0.0/16"), "a /16 is not inside the /24");
        assertEquals("https://wide4.example/", server("198.19.255.1"));
        assertEquals("none", server("198.20.0.1"));
        assertEquals("https://narrow6.example/", server("2001:db8:10::10"));
        assertEquals("https://wide6.example/", server("2001:db8:11::1"));
        assertEquals("none", server("2001:db9::1"));
    }

    @Test
    void asNumbersTakeTheNarrowestRange() {
        assertEquals("https://oneas.example/", server("AS64510"));
        assertEquals("https://midas.example/", server("AS64505"));
        assertEquals("https://wideas.example/", server("AS64511"));
        assertEquals("none", server("AS64512"));
    }

    @Test
    void theShippedCopyCoversTheLabAndHasADate() {
        RdapBootstrap shipped = RdapBootstrap.shipped();
        assertEquals("2026-07-27T02:51:56Z", shipped.publication());
        assertEquals(Optional.of(URI.create("https://rdap.netkit.test/rdap/")),
                shipped.serverFor(RegistryQuery.parse("198.18.10.10")));
        assertEquals(Optional.of(URI.create("https://rdap.netkit.test/rdap/")),
                shipped.serverFor(RegistryQuery.parse("AS64510")));
        assertEquals(Optional.of(URI.create("https://rdap.netkit.test/rdap/")),
                shipped.serverFor(RegistryQuery.parse("netkit.test")));
        assertEquals(Optional.of(URI.create("https://rdap.netkit.test/rdap/")),
                shipped.serverFor(RegistryQuery.parse("2001:db8:10::10")));
    }

    @Test
    void theShippedCopyIsIanasRegistries() {
        RdapBootstrap shipped = RdapBootstrap.shipped();
        assertEquals(Optional.of(URI.create("https://rdap.verisign.com/com/v1/")),
                shipped.serverFor(RegistryQuery.parse("example.com")));
        assertEquals(Optional.of(URI.create("https://rdap.arin.net/registry/")),
                shipped.serverFor(RegistryQuery.parse("8.8.8.8")));
        assertEquals(Optional.of(URI.create("https://rdap.db.ripe.net/")),
                shipped.serverFor(RegistryQuery.parse("193.0.6.139")));
        assertEquals(Optional.of(URI.create("https://rdap.apnic.net/")),
                shipped.serverFor(RegistryQuery.parse("2001:200::1")));
        assertEquals(Optional.of(URI.create("https://rdap.db.ripe.net/")),
                shipped.serverFor(RegistryQuery.parse("AS3333")));
        // 198.0.0.0/8 is ARIN's; the lab's 198.18.0.0/15 inside it is more specific and wins there only
        assertEquals(Optional.of(URI.create("https://rdap.arin.net/registry/")),
                shipped.serverFor(RegistryQuery.parse("198.20.0.1")));
    }

    @Test
    void aFileWithoutServicesIsAUsageError() {
        assertEquals(2, assertThrows(NetkitException.class,
                () -> RdapBootstrap.parse(List.of("{\"publication\": \"x\"}"), "f.json")).exitCode());
        assertEquals(2, assertThrows(NetkitException.class,
                () -> RdapBootstrap.parse(List.of("not json"), "f.json")).exitCode());
    }
}
