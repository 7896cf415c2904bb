package dev.netkit.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netkit whois} against scripted whois servers on loopback: a referral chain, a loop, the hop limit, a server
 * that stalls, one that floods, one that refuses, and the JSON view.
 */
class WhoisCommandTest {
    private final List<ServerSocket> servers = new ArrayList<>();

    /** A whois server on a free loopback port: reads one line, writes what {@code answer} makes of it, closes. */
    private int serve(Function<String, String> answer) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(ss);
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                    String line = readLine(s.getInputStream());
                    s.getOutputStream().write(answer.apply(line).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed at the end of the test, or the client gave up
                }
            }
        });
        return ss.getLocalPort();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && b.length() < 1000; c = in.read()) {
            b.append((char) c);
        }
        return b.toString();
    }

    @AfterEach
    void close() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    @Test
    void followsEveryReferralStyleAndNamesEachServer() throws IOException {
        int last = serve(q -> "inetnum: 198.18.10.0 - 198.18.10.255\nnetname: LAST\nremarks: one\nremarks: two\n");
        int third = serve(q -> "% referto: whois -h 127.0.0.1 -p " + last + " " + q + "\n");
        int second = serve(q -> "ReferralServer: whois://127.0.0.1:" + third + "/\n");
        int first = serve(q -> "% IANA-like\r\n\r\nrefer:        127.0.0.1:" + second + "\r\n");
        DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "-h", "127.0.0.1", "-p", String.valueOf(first),
                "198.18.10.10");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("""
                Using server 127.0.0.1:%d (query "198.18.10.10").

                %% IANA-like

                refer:        127.0.0.1:%d


                Found a referral to 127.0.0.1:%d.

                ReferralServer: whois://127.0.0.1:%d/


                Found a referral to 127.0.0.1:%d.

                %% referto: whois -h 127.0.0.1 -p %d 198.18.10.10


                Found a referral to 127.0.0.1:%d.

                inetnum: 198.18.10.0 - 198.18.10.255
                netname: LAST
                remarks: one
                remarks: two
                """.formatted(first, second, second, third, third, last, last), r.out());
        assertEquals("", r.err());
        DnsTestSupport.Result only = DnsTestSupport.netkit("whois", "--no-referral", "-h", "127.0.0.1:" + first,
                "198.18.10.10");
        assertEquals(0, only.code());
        assertFalse(only.out().contains("Found a referral"), only.out());
    }

    @Test
    void jsonHasTheRawTextAndThePairsWithRepeatedKeysAsLists() throws IOException {
        int last = serve(q -> "% comment: not a pair\nnetname: LAST\nremarks: one\nremarks: two\nempty:\n");
        int first = serve(q -> "refer: 127.0.0.1:" + last + "\n");
        DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "--json", "-h", "127.0.0.1:" + first, "AS64510");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        Map<String, Object> a = DnsTestSupport.parseObject(lines.get(0));
        assertEquals("whois", a.get("type"));
        assertEquals("127.0.0.1", a.get("server"));
        assertEquals((long) first, a.get("port"));
        assertEquals("AS64510", a.get("query"));
        assertEquals("127.0.0.1:" + last, a.get("refers_to"));
        Map<String, Object> b = DnsTestSupport.parseObject(lines.get(1));
        assertEquals("% comment: not a pair\nnetname: LAST\nremarks: one\nremarks: two\nempty:\n", b.get("text"));
        assertEquals(Map.of("netname", "LAST", "remarks", List.of("one", "two")), b.get("fields"));
    }

    @Test
    void aLoopStopsAtTheFirstRepeatWithANote() throws IOException {
        int[] other = new int[1];
        int a = serve(q -> "ReferralServer: whois://127.0.0.1:" + other[0] + "\n");
        other[0] = serve(q -> "ReferralServer: whois://127.0.0.1:" + a + "\n");
        DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "-h", "127.0.0.1:" + a, "netkit.test");
        assertEquals(3, r.code(), r.out() + r.err());
        assertEquals(1, r.out().split("Found a referral").length - 1, r.out());
        assertEquals("netkit whois: referral loop: 127.0.0.1:" + a + " was asked already, not asked again\n", r.err());
        int self = serve(q -> "whois: 127.0.0.1:" + servers.get(servers.size() - 1).getLocalPort() + "\n");
        DnsTestSupport.Result s = DnsTestSupport.netkit("whois", "-h", "127.0.0.1:" + self, "netkit.test");
        assertEquals("netkit whois: 127.0.0.1:" + self + " refers to itself: not followed\n", s.err());
    }

    @Test
    void aChainStopsAfterFiveServers() throws IOException {
        int next = serve(q -> "netname: END\n");
        for (int i = 0; i < 5; i++) {
            int to = next;
            next = serve(q -> "refer: 127.0.0.1:" + to + "\n");
        }
        DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "-h", "127.0.0.1:" + next, "netkit.test");
        assertEquals(3, r.code(), r.out() + r.err());
        assertEquals(4, r.out().split("Found a referral").length - 1, r.out());
        assertFalse(r.out().contains("END"), r.out());
        assertTrue(r.err().matches("netkit whois: referral to 127\\.0\\.0\\.1:\\d+ not followed: 5 servers asked"
                + " already \\(the limit\\)\n"), r.err());
    }

    @Test
    void aStallingServerIsAReadTimeoutInOneLine() throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(ss); // accepts (the kernel does) but never answers
        long start = System.nanoTime();
        DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "-w", "1", "-h", "127.0.0.1:" + ss.getLocalPort(),
                "netkit.test");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(9, r.code(), r.out() + r.err());
        assertEquals("netkit whois: no answer from 127.0.0.1:" + ss.getLocalPort() + ": read timed out after 1 s\n",
                r.err());
        assertTrue(ms < 5000, ms + " ms");
    }

    @Test
    void aRefusedConnectionIsExitNine() throws IOException {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "netkit.test");
        assertEquals(9, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("connection refused"), r.err());
    }

    @Test
    void aFloodOfControlBytesIsCutAtOneMebibyteAndEscaped() throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(ss);
        long[] sent = new long[1];
        Thread.ofVirtual().start(() -> {
            try (Socket s = ss.accept()) {
                readLine(s.getInputStream());
                OutputStream o = s.getOutputStream();
                byte[] chunk = new byte[65536];
                java.util.Arrays.fill(chunk, (byte) 0x1b);
                for (int i = 0; i < 1600; i++) { // 100 MiB, unless the client hangs up first
                    o.write(chunk);
                    sent[0] += chunk.length;
                }
            } catch (IOException e) {
                // the client hung up, as it should
            }
        });
        Runtime rt = Runtime.getRuntime();
        DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "--no-referral", "-h", "127.0.0.1:" + ss.getLocalPort(),
                "netkit.test");
        assertEquals(3, r.code(), r.err());
        assertFalse(r.out().contains("\u001b"), "raw ESC on the terminal");
        assertEquals((1 << 20) * 4L, r.out().lines().skip(2).mapToLong(String::length).sum());
        assertTrue(r.err().contains("cut off"), r.err());
        assertTrue(sent[0] < 100L << 20, "read all " + sent[0] + " bytes");
        assertTrue(rt.totalMemory() - rt.freeMemory() < 512L << 20);
    }

    @Test
    void badQueriesAreUsageErrors() {
        for (String bad : new String[] {"a b", "x;rm", "\u001b]0;title\u0007", "300.1.2.3/8"}) {
            DnsTestSupport.Result r = DnsTestSupport.netkit("whois", "-h", "127.0.0.1", bad);
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("\u001b"));
        }
    }
}
