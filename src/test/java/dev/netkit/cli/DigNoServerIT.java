package dev.netkit.cli;

import dev.netkit.dns.QueryOptions;
import dev.netkit.dns.ServerChoice;
import dev.netkit.system.ResolvConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.netkit.cli.DnsTestSupport.bindDig;
import static dev.netkit.cli.DnsTestSupport.netkit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What dig prints when no server answers over TCP, on loopback, compared with BIND's dig 9.18: each failed
 * connection with its own "no servers could be reached", no banner, exit 9; and the number of tries taken from
 * resolv.conf's {@code options attempts:N} when +tries is not given, as dig does. A loopback integration test
 * (the kernel's sockets, BIND's dig beside); DigCommandTest checks the same logic on a scripted wire.
 */
class DigNoServerIT {

    private static String closedTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return String.valueOf(s.getLocalPort());
        }
    }

    @Test
    void tcpToAClosedPortPrintsEachRefusedConnectionAsBindDig() throws Exception {
        String p = closedTcpPort();
        DnsTestSupport.Result r = netkit("dig", "+tcp", "@127.0.0.1", "-p", p, "+tries=2", "server.netkit.test");
        String pair = ";; Connection to 127.0.0.1#" + p + "(127.0.0.1) for server.netkit.test failed: connection refused.\n"
                + ";; no servers could be reached\n";
        assertEquals(pair.repeat(2), r.out());
        assertEquals(9, r.code(), r.err());
        DnsTestSupport.Result bind = bindDig("+tcp", "@127.0.0.1", "-p", p, "+tries=2", "server.netkit.test");
        assertEquals(bind.out(), r.out());
        assertEquals(bind.code(), r.code());
        DnsTestSupport.Result once = netkit("dig", "+tcp", "+short", "@127.0.0.1", "-p", p, "+retry=0",
                "server.netkit.test");
        assertEquals(bindDig("+tcp", "+short", "@127.0.0.1", "-p", p, "+retry=0", "server.netkit.test").out(),
                once.out());
        assertEquals(pair, once.out());
    }

    @Test
    void triesAndTimeoutComeFromResolvConfUnlessGiven(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, "nameserver 127.0.0.1\noptions timeout:2 attempts:4 ndots:1\n");
        String p = closedTcpPort();
        DnsTestSupport.Result r = netkit("dig", "--resolv-conf", conf.toString(), "+tcp", "-p", p,
                "server.netkit.test");
        assertEquals(4, r.out().lines().filter(l -> l.startsWith(";; Connection to 127.0.0.1#" + p)).count(), r.out());
        DnsTestSupport.Result given = netkit("dig", "--resolv-conf", conf.toString(), "+tcp", "+tries=1", "-p", p,
                "server.netkit.test");
        assertEquals(1, given.out().lines().filter(l -> l.startsWith(";; Connection to")).count(), given.out());

        ResolvConf c = ResolvConf.load(conf);
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), c.nameservers());
        QueryOptions o = QueryOptions.DIG.withResolvConf(c);
        assertEquals(4, o.tries());
        assertEquals(Duration.ofSeconds(2), o.timeout());
        // without the options, dig's own defaults: 3 tries of 5 s
        assertEquals(QueryOptions.DIG, QueryOptions.DIG.withResolvConf(ResolvConf.parse(List.of("nameserver 127.0.0.1"))));
        assertEquals(new InetSocketAddress("127.0.0.1", 53), ServerChoice.servers(List.of(), 53, false, false, c).get(0));
    }

    /**
     * Several @servers are all kept, and tried in BIND dig 9.18's order: over UDP the first server all its
     * tries, then each other once; over TCP, tries-1 rounds of the first server alone, then a round over all.
     * 127.0.0.1 is silent (a socket that never answers), 127.0.0.2 on the same port is closed (refused).
     */
    @Test
    void severalServersAreTriedInBindDigsOrder() throws Exception {
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String p = String.valueOf(silent.getLocalPort());
            String[] silentFirst = {"+short", "+timeout=1", "+tries=2", "@127.0.0.1", "@127.0.0.2", "-p", p,
                    "server.netkit.test"};
            DnsTestSupport.Result r = netkit(concat("dig", silentFirst));
            assertEquals(";; communications error to 127.0.0.1#" + p + ": timed out\n"
                    + ";; communications error to 127.0.0.1#" + p + ": timed out\n"
                    + ";; communications error to 127.0.0.2#" + p + ": connection refused\n"
                    + ";; no servers could be reached\n", r.out());
            assertEquals(9, r.code(), r.err());
            DnsTestSupport.Result bind = bindDig(silentFirst);
            assertEquals(bind.out(), r.out());
            assertEquals(bind.code(), r.code());

            String[] refusedFirst = {"+short", "+timeout=1", "+tries=2", "@127.0.0.2", "@127.0.0.1", "-p", p,
                    "server.netkit.test"};
            DnsTestSupport.Result r2 = netkit(concat("dig", refusedFirst));
            assertEquals(bindDig(refusedFirst).out(), r2.out());
            assertEquals(3, r2.out().lines().filter(l -> l.startsWith(";; communications error")).count(), r2.out());
            assertEquals(9, r2.code(), r2.err());
        }
        String p = closedTcpPort();
        String[] tcp = {"+tcp", "+tries=3", "@127.0.0.1", "@127.0.0.2", "@127.0.0.3", "-p", p, "server.netkit.test"};
        DnsTestSupport.Result r = netkit(concat("dig", tcp));
        String refused = ";; Connection to 127.0.0.%d#" + p + "(127.0.0.%d) for server.netkit.test failed:"
                + " connection refused.\n";
        String none = ";; no servers could be reached\n";
        assertEquals((refused.formatted(1, 1) + none).repeat(2) + refused.formatted(1, 1) + refused.formatted(2, 2)
                + refused.formatted(3, 3) + none, r.out());
        assertEquals(9, r.code(), r.err());
        DnsTestSupport.Result bind = bindDig(tcp);
        assertEquals(bind.out(), r.out());
        assertEquals(bind.code(), r.code());
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
