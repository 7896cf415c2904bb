package dev.netkit.cli;

import dev.netkit.dns.NsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.netkit.cli.DnsTestSupport.bindDig;
import static dev.netkit.cli.DnsTestSupport.netkit;
import static dev.netkit.cli.DnsTestSupport.parseObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TSIG (-y and -k) against NSD on loopback serving a zone only to queries signed with its key, each case
 * compared with BIND's dig: the signed answer and its TSIG pseudosection, and a wrong secret (BADSIG) or an
 * unknown key (BADKEY) printed as dig prints them.
 */
class DigTsigIT {
    static final String SECRET = "bmV0a2l0IGxhYiBUU0lHIGtleSBmb3IgdGVzdHMhIQ==";
    static final String WRONG = "d3Jvbmcgc2VjcmV0IHdyb25nIHNlY3JldCB3cm9uZyE=";
    static final String ZONE = """
            $TTL 300
            secret.test. IN SOA ns.secret.test. hostmaster.secret.test. 1 3600 600 86400 60
            secret.test. IN NS ns.secret.test.
            ns.secret.test. IN A 198.18.10.4
            server.secret.test. IN A 198.18.10.10
            """;
    static NsdServer nsd;
    static String port;

    @BeforeAll
    static void start() {
        nsd = NsdServer.serveWithKey("secret.test", ZONE, "netkit-key", "hmac-sha256", SECRET);
        port = String.valueOf(nsd.port());
    }

    @AfterAll
    static void stop() {
        if (nsd != null) {
            nsd.close();
        }
    }

    /** The lines that differ from run to run (time signed, MAC, ids, timing) reduced to placeholders. */
    static String stable(String digText) {
        return digText.replace("DiG 9.18.49-1~deb12u3-Debian", "netkit dig")
                .replaceAll("; <<>> DiG [^ ]+ <<>>", "; <<>> netkit dig <<>>")
                .replaceAll("id: \\d+", "id: ID")
                .replaceAll("Query time: \\d+ msec", "Query time: T msec")
                .replaceAll(";; WHEN: .*", ";; WHEN: W")
                .replaceAll("(TSIG\\t[a-z0-9-]+\\.) \\d+ 300 (\\d+) (?:[A-Za-z0-9+/=]+ )?\\d+ ", "$1 TIME 300 $2 MAC ID ");
    }

    @Test
    void unsignedQueryIsRefusedSignedOneAnsweredAndVerified() {
        DnsTestSupport.Result plain = netkit("dig", "@127.0.0.1", "-p", port, "server.secret.test");
        assertTrue(plain.out().contains("status: REFUSED"), plain.out());
        String[] args = {"@127.0.0.1", "-p", port, "-y", "hmac-sha256:netkit-key:" + SECRET, "server.secret.test"};
        String[] mine = new String[args.length + 1];
        mine[0] = "dig";
        System.arraycopy(args, 0, mine, 1, args.length);
        DnsTestSupport.Result r = netkit(mine);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("server.secret.test.\t300\tIN\tA\t198.18.10.10"), r.out());
        assertTrue(r.out().contains(";; TSIG PSEUDOSECTION:\nnetkit-key.\t\t0\tANY\tTSIG\thmac-sha256. "), r.out());
        assertTrue(!r.out().contains("Couldn't verify"), r.out());
        assertEquals(stable(bindDig(args).out()), stable(r.out()));
        Map<String, Object> json = parseObject(netkit("dig", "--json", "@127.0.0.1", "-p", port, "-y",
                "hmac-sha256:netkit-key:" + SECRET, "server.secret.test").out());
        assertEquals(Map.of("key", "netkit-key.", "error", "NOERROR", "verified", true), json.get("tsig"));
    }

    @Test
    void keyFileAsWrittenByTsigKeygen(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("netkit.key");
        Files.writeString(key, "key \"netkit-key\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + SECRET + "\";\n};\n");
        DnsTestSupport.Result r = netkit("dig", "@127.0.0.1", "-p", port, "-k", key.toString(), "+short",
                "server.secret.test");
        assertEquals("198.18.10.10\n", r.out());
        assertEquals(bindDig("@127.0.0.1", "-p", port, "-k", key.toString(), "+short", "server.secret.test").out(),
                r.out());
        DnsTestSupport.Result tcp = netkit("dig", "@127.0.0.1", "-p", port, "-k", key.toString(), "+tcp",
                "server.secret.test");
        assertTrue(tcp.out().contains("(TCP)") && tcp.out().contains("198.18.10.10")
                && !tcp.out().contains("Couldn't verify"), tcp.out());
    }

    @Test
    void wrongSecretIsBadsigAsDigPrintsIt() {
        String[] args = {"@127.0.0.1", "-p", port, "-y", "hmac-sha256:netkit-key:" + WRONG, "server.secret.test"};
        DnsTestSupport.Result r = netkit(prepend("dig", args));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith(";; Couldn't verify signature: tsig indicates error\n"), r.out());
        assertTrue(r.out().contains("status: NOTAUTH") && r.out().contains(" BADSIG 0 \n"), r.out());
        assertTrue(r.out().contains(";; WARNING -- Some TSIG could not be validated\n"), r.out());
        assertEquals(stable(bindDig(args).out()), stable(r.out()));
    }

    @Test
    void unknownKeyIsBadkeyAsDigPrintsIt() {
        String[] args = {"@127.0.0.1", "-p", port, "-y", "hmac-sha256:other-key:" + SECRET, "server.secret.test"};
        DnsTestSupport.Result r = netkit(prepend("dig", args));
        assertTrue(r.out().contains(" BADKEY 0 \n"), r.out());
        assertEquals(stable(bindDig(args).out()), stable(r.out()));
    }

    @Test
    void malformedKeysAreUsageErrors(@TempDir Path dir) throws Exception {
        assertEquals(2, netkit("dig", "-y", "hmac-sha256:k:not base64!", "x.test").code());
        assertEquals(2, netkit("dig", "-y", "hmac-foo:k:" + SECRET, "x.test").code());
        assertEquals(2, netkit("dig", "-y", "justonepart", "x.test").code());
        Path bad = dir.resolve("bad.key");
        Files.writeString(bad, "not a key file\n");
        DnsTestSupport.Result r = netkit("dig", "-k", bad.toString(), "x.test");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("netkit dig: -k "), r.err());
    }

    static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
