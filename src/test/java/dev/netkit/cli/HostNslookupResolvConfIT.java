package dev.netkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.netkit.cli.DnsTestSupport.netkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * host and nslookup take their tries and time per try from resolv.conf's {@code options attempts:N timeout:N}
 * unless given on the command line, as BIND's 9.18 do (checked with them in a private mount namespace): nslookup
 * takes both (default 3 tries), host only the timeout. A loopback integration test: real time per try on a silent
 * socket; HostNslookupCommandTest counts the tries on a scripted wire.
 */
class HostNslookupResolvConfIT {

    private static Path conf(Path dir, String options) throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, "nameserver 127.0.0.1\n" + options + "\n");
        return conf;
    }

    private static DatagramSocket loopbackSocket() throws Exception {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static long refusedTries(DnsTestSupport.Result r) {
        return r.out().lines().filter(l -> l.startsWith(";; communications error to 127.0.0.1#")
                && l.endsWith(": connection refused")).count();
    }

    @Test
    void nslookupTakesAttemptsFromResolvConfUnlessRetryIsGiven(@TempDir Path dir) throws Exception {
        String p;
        try (DatagramSocket s = loopbackSocket()) {
            p = String.valueOf(s.getLocalPort()); // closed once the socket is: each try is refused at once
        }
        DnsTestSupport.Result r = netkit("nslookup", "--resolv-conf", conf(dir, "options attempts:4").toString(),
                "-port=" + p, "server.netkit.test");
        assertEquals(4, refusedTries(r), r.out());
        assertTrue(r.out().contains(";; no servers could be reached\n"), r.out());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, refusedTries(netkit("nslookup", "--resolv-conf", conf(dir, "options attempts:4").toString(),
                "-port=" + p, "-retry=1", "server.netkit.test")));
        assertEquals(3, refusedTries(netkit("nslookup", "--resolv-conf", conf(dir, "").toString(), "-port=" + p,
                "server.netkit.test")));
    }

    @Test
    void nslookupAndHostTakeTheTimeoutFromResolvConfUnlessGiven(@TempDir Path dir) throws Exception {
        try (DatagramSocket silent = loopbackSocket()) {
            String p = String.valueOf(silent.getLocalPort());
            String oneSecond = conf(dir, "options timeout:1 attempts:3").toString();
            // host ignores attempts:3 as BIND's does: its two tries (-R 1 by default, at least 2 tries) of 1 s, not
            // three, and not of 5 s (BIND's host 9.18 on a silent loopback port: 2.03 s, and 4.03 s with -W 2)
            long ms = elapsedMs(() -> assertEquals(1, netkit("host", "--resolv-conf", oneSecond, "-p", p,
                    "server.netkit.test").code()));
            assertTrue(ms >= 1900 && ms < 3500, "host took " + ms + " ms");
            ms = elapsedMs(() -> netkit("host", "--resolv-conf", oneSecond, "-p", p, "-W", "2", "server.netkit.test"));
            assertTrue(ms >= 3900 && ms < 5500, "host -W 2 took " + ms + " ms");

            String once = conf(dir, "options timeout:1 attempts:1").toString();
            ms = elapsedMs(() -> assertEquals(1, netkit("nslookup", "--resolv-conf", once, "-port=" + p,
                    "server.netkit.test").code()));
            assertTrue(ms >= 900 && ms < 2500, "nslookup took " + ms + " ms");
            ms = elapsedMs(() -> netkit("nslookup", "--resolv-conf", once, "-port=" + p, "-timeout=2",
                    "server.netkit.test"));
            assertTrue(ms >= 1900 && ms < 3500, "nslookup -timeout=2 took " + ms + " ms");
        }
    }

    private static long elapsedMs(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
