package dev.netkit.cli;

import dev.netkit.dns.NsdServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.netkit.cli.DnsTestSupport.bindDig;
import static dev.netkit.cli.DnsTestSupport.netkit;
import static dev.netkit.cli.DnsTestSupport.parseObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --validate with dnsjava's validator against netkit.test. signed by ldns-signzone and served by NSD on
 * loopback, with the zone's own DS as the trust anchor; then the same with one signed record tampered.
 */
class DigValidateIT {

    @Test
    void signedZoneValidatesSecure() {
        try (NsdServer nsd = NsdServer.start(true)) {
            String port = String.valueOf(nsd.port());
            String anchor = nsd.trustAnchor().toString();
            DnsTestSupport.Result r = netkit("dig", "--validate", "--trust-anchor", anchor, "@127.0.0.1", "-p", port,
                    "server.netkit.test");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains(";; VALIDATION: secure"), r.out());
            assertTrue(r.out().contains(";; flags: qr aa rd ad;"), r.out());
            Map<String, Object> json = parseObject(netkit("dig", "--json", "--validate", "--trust-anchor", anchor,
                    "@127.0.0.1", "-p", port, "www.netkit.test").out());
            assertEquals("secure", ((Map<?, ?>) json.get("validation")).get("status"));
            // +dnssec shows the signatures, as BIND's dig does (+short identical)
            assertEquals(bindDig("@127.0.0.1", "-p", port, "+dnssec", "+short", "server.netkit.test").out(),
                    netkit("dig", "@127.0.0.1", "-p", port, "+dnssec", "+short", "server.netkit.test").out());
            assertEquals(bindDig("@127.0.0.1", "-p", port, "+short", "netkit.test", "DNSKEY").out(),
                    netkit("dig", "@127.0.0.1", "-p", port, "+short", "netkit.test", "DNSKEY").out());
            assertEquals(bindDig("@127.0.0.1", "-p", port, "+dnssec", "+noall", "+authority", "nope.netkit.test").out(),
                    netkit("dig", "@127.0.0.1", "-p", port, "+dnssec", "+noall", "+authority", "nope.netkit.test").out());
            // a wrong anchor: the chain does not lead to a trusted key
            DnsTestSupport.Result rootOnly = netkit("dig", "--json", "--validate", "@127.0.0.1", "-p", port,
                    "server.netkit.test");
            Map<?, ?> v = (Map<?, ?>) parseObject(rootOnly.out()).get("validation");
            assertTrue(!"secure".equals(v.get("status")), v.toString());
        }
    }

    @Test
    void tamperedRecordIsBogus() {
        // the signed zone's A record for server is changed after signing: its RRSIG no longer matches
        String[] tamper = {"198.18.10.10", "198.18.10.66"};
        try (NsdServer nsd = NsdServer.start(true, tamper)) {
            String port = String.valueOf(nsd.port());
            DnsTestSupport.Result r = netkit("dig", "--validate", "--trust-anchor", nsd.trustAnchor().toString(),
                    "@127.0.0.1", "-p", port, "server.netkit.test");
            assertEquals(1, r.code(), r.out());
            assertTrue(r.out().contains("status: SERVFAIL"), r.out());
            assertTrue(r.out().contains(";; VALIDATION: bogus"), r.out());
            Map<String, Object> json = parseObject(netkit("dig", "--json", "--validate", "--trust-anchor",
                    nsd.trustAnchor().toString(), "@127.0.0.1", "-p", port, "server.netkit.test").out());
            Map<?, ?> v = (Map<?, ?>) json.get("validation");
            assertEquals("bogus", v.get("status"));
            assertNotNull(v.get("reason"));
        }
    }
}
