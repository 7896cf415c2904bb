package dev.netkit.dns;

import dev.netkit.system.ResolvConf;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** resolv.conf's servers, search list and ndots as the DNS commands use them. */
class SearchListTest {
    @Test
    void resolvConfGivesServersSearchAndNdots() throws Exception {
        ResolvConf c = ResolvConf.parse(List.of("# lab", "nameserver 198.18.10.53", "nameserver 2001:db8:10::53",
                "search netkit.test example.test", "options ndots:2 edns0"));
        assertEquals(List.of(InetAddress.getByName("198.18.10.53"), InetAddress.getByName("2001:db8:10::53")),
                c.nameservers());
        assertEquals(2, c.ndots());
        assertEquals(List.of(Name.fromString("server.netkit.test."), Name.fromString("server.example.test."),
                Name.fromString("server.")), SearchList.candidates(c, "server"));
        assertEquals(List.of(Name.fromString("a.b.c.")).get(0), SearchList.candidates(c, "a.b.c").get(0));
        assertEquals(List.of(Name.fromString("server.")), SearchList.candidates(c, "server."));
    }
}
