package dev.netkit.registry;

import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The referral rules: which line of an answer names the next server, and the query line each server wants. */
class WhoisReferralTest {
    private static Optional<WhoisServer> find(String text) {
        return WhoisReferral.find(text);
    }

    @Test
    void ianaReferAndWhoisLines() {
        // whois.iana.org's answer for 8.8.8.8 (abridged)
        String iana = "% IANA WHOIS server\n% This query returned 1 object\n\nrefer:        whois.arin.net\n\n"
                + "inetnum:      8.0.0.0 - 8.255.255.255\nwhois:        whois.arin.net\n";
        assertEquals(Optional.of(new WhoisServer("whois.arin.net", 43)), find(iana));
        // a TLD answer has no refer: but a whois: line
        assertEquals(Optional.of(new WhoisServer("whois.nic.example", 43)),
                find("domain:       EXAMPLE\r\nwhois:        whois.nic.example\r\n"));
    }

    @Test
    void arinReferralServerWithPortAndPath() {
        assertEquals(Optional.of(new WhoisServer("whois.ripe.net", 43)),
                find("NetRange: 193.0.0.0 - 193.255.255.255\nReferralServer:  whois://whois.ripe.net\n"));
        assertEquals(Optional.of(new WhoisServer("198.18.10.4", 4343)),
                find("ReferralServer: whois://198.18.10.4:4343/\n"));
        // rwhois is another protocol: not followed
        assertEquals(Optional.empty(), find("ReferralServer: rwhois://rwhois.example.net:4321/\n"));
    }

    @Test
    void sixboneReferto() {
        assertEquals(Optional.of(new WhoisServer("whois.arin.net", 4343)),
                find("% referto: whois -h whois.arin.net -p 4343 as 1\n"));
        assertEquals(Optional.of(new WhoisServer("whois.arin.net", 43)),
                find("% referto: whois -h whois.arin.net as 1\n"));
    }

    @Test
    void firstReferralWinsAndTextIsNotAReferral() {
        assertEquals(Optional.of(new WhoisServer("a.example", 43)), find("refer: a.example\nrefer: b.example\n"));
        assertEquals(Optional.empty(), find("remarks: refer: to the manual\nreferences: none\n"));
        assertEquals(Optional.empty(), find("refer:\nwhois: see the web site\n"));
        assertEquals(Optional.empty(), find("refer: bad\u001bhost\n"));
    }

    @Test
    void queryLinesPerServer() {
        RegistryQuery ip = RegistryQuery.parse("198.18.10.10");
        RegistryQuery prefix = RegistryQuery.parse("198.18.10.0/24");
        RegistryQuery as = RegistryQuery.parse("as64510");
        WhoisServer arin = new WhoisServer("whois.arin.net", 43);
        assertEquals("n + 198.18.10.10", arin.queryLine(ip, false));
        assertEquals("n + 198.18.10.0", arin.queryLine(prefix, false));
        assertEquals("a + 64510", arin.queryLine(as, false));
        WhoisServer ripe = new WhoisServer("whois.ripe.net", 43);
        assertEquals("-B 198.18.10.10", ripe.queryLine(ip, false));
        assertEquals("-B -r AS64510", ripe.queryLine(as, true));
        assertEquals("198.18.10.0/24", new WhoisServer("whois.netkit.test", 43).queryLine(prefix, false));
    }

    @Test
    void startServers() {
        assertEquals(WhoisServer.IANA, WhoisServer.start(RegistryQuery.parse("netkit.test")));
        assertEquals(WhoisServer.IANA, WhoisServer.start(RegistryQuery.parse("2001:db8::1")));
        assertEquals(WhoisServer.IANA, WhoisServer.start(RegistryQuery.parse("AS64510")));
        assertEquals("whois.arin.net", WhoisServer.start(RegistryQuery.parse("JD123-ARIN")).host());
        assertThrows(NetkitException.class, () -> WhoisServer.start(RegistryQuery.parse("NETKIT-LAB")));
    }

    @Test
    void queryKinds() {
        assertEquals(RegistryQuery.Kind.DOMAIN, RegistryQuery.parse("Netkit.Test.").kind());
        assertEquals(RegistryQuery.Kind.DOMAIN, RegistryQuery.parse("test").kind());
        assertEquals(RegistryQuery.Kind.ADDRESS, RegistryQuery.parse("2001:DB8:10::10").kind());
        assertEquals("2001:db8:10::10", RegistryQuery.parse("2001:DB8:10:0::10").canonical());
        assertEquals("198.18.10.0/24", RegistryQuery.parse("198.18.10.77/24").canonical());
        assertEquals(RegistryQuery.Kind.HANDLE, RegistryQuery.parse("NET-198-18-0-0-1").kind());
        for (String bad : new String[] {"", "a b", "x;y", "300.1.1.1", "198.18.0.0/33", "1.2.3", "-h", "a..b",
                "AS4294967296", "\u001b[2J", "http://x/"}) {
            NetkitException e = assertThrows(NetkitException.class, () -> RegistryQuery.parse(bad), bad);
            assertEquals(2, e.exitCode(), bad);
        }
    }
}
