package dev.netkit.cli;

import dev.netkit.dns.NsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.netkit.cli.DnsTestSupport.netkit;
import static dev.netkit.cli.DnsTestSupport.netkitWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** netkit host and nslookup against BIND's host and nslookup, both asking NSD on loopback. */
class HostNslookupIT {
    static NsdServer nsd;
    static String port;

    @BeforeAll
    static void startServer() {
        nsd = NsdServer.start(false);
        port = String.valueOf(nsd.port());
    }

    @AfterAll
    static void stopServer() {
        if (nsd != null) {
            nsd.close();
        }
    }

    static DnsTestSupport.Result tool(String input, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().write(input.getBytes());
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish: " + List.of(cmd));
            }
            return new DnsTestSupport.Result(p.exitValue(), out, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String[] concat(List<String> a, String... b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"server.netkit.test", "www.netkit.test", "-t MX netkit.test", "-t TXT netkit.test",
            "-t SOA netkit.test", "-t SRV _http._tcp.netkit.test", "-t NS netkit.test", "-t CAA caa.netkit.test",
            "-t HINFO hinfo.netkit.test", "-t MX server.netkit.test", "198.18.10.10", "2001:db8:10::10",
            "nope.netkit.test", "-t AAAA r1.netkit.test"})
    void hostPrintsWhatBindHostPrints(String query) {
        List<String> args = new ArrayList<>(List.of("-p", port));
        args.addAll(List.of(query.split(" ")));
        args.add("127.0.0.1");
        DnsTestSupport.Result bind = tool("", concat(List.of("host"), args.toArray(String[]::new)));
        DnsTestSupport.Result ours = netkit(concat(List.of("host"), args.toArray(String[]::new)));
        assertEquals(bind.out(), ours.out(), query);
        assertEquals(bind.code(), ours.code(), query);
    }

    @Test
    void hostVerboseShowsTheWholeResponses() {
        DnsTestSupport.Result bind = tool("", "host", "-v", "-p", port, "www.netkit.test", "127.0.0.1");
        DnsTestSupport.Result ours = netkit("host", "-v", "-p", port, "www.netkit.test", "127.0.0.1");
        assertEquals(normalize(bind.out()), normalize(ours.out()));
    }

    static List<String> normalize(String s) {
        return s.lines().map(l -> l.replaceAll("id: \\d+", "id: N").replaceAll(" in \\d+ ms$", " in N ms")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.netkit.test", "-type=mx netkit.test", "-type=txt netkit.test",
            "-type=soa netkit.test", "-type=srv _http._tcp.netkit.test", "-type=ns netkit.test",
            "-type=caa caa.netkit.test", "-type=hinfo hinfo.netkit.test", "-type=aaaa server.netkit.test",
            "-type=cname www.netkit.test", "198.18.10.10", "nope.netkit.test", "-type=mx server.netkit.test"})
    void nslookupPrintsWhatBindNslookupPrints(String query) {
        List<String> args = new ArrayList<>(List.of("-port=" + port));
        args.addAll(List.of(query.split(" ")));
        args.add("127.0.0.1");
        DnsTestSupport.Result bind = tool("", concat(List.of("nslookup"), args.toArray(String[]::new)));
        DnsTestSupport.Result ours = netkit(concat(List.of("nslookup"), args.toArray(String[]::new)));
        assertEquals(bind.out(), ours.out(), query);
        assertEquals(bind.code(), ours.code(), query);
    }

    /**
     * host to a refused (closed port) or silent server: each failed try, the verdict, no server block; -R N is N
     * retries with at least 2 tries (-R 0 and -R 2 give 2 and 3 tries with BIND's host 9.18).
     */
    @ParameterizedTest
    @CsvSource({"true,0", "false,2"})
    void hostWithoutAnAnswerPrintsWhatBindHostPrints(boolean silent, int retries) throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            String p = String.valueOf(socket.getLocalPort());
            if (!silent) {
                socket.close();
            }
            String[] args = {"host", "-p", p, "-W", "1", "-R", String.valueOf(retries), "server.netkit.test",
                    "127.0.0.1"};
            DnsTestSupport.Result bind = tool("", args);
            DnsTestSupport.Result ours = netkit(args);
            assertEquals(bind.out(), ours.out());
            assertEquals(bind.code(), ours.code());
            assertEquals(silent ? 2 : 3, ours.out().lines().filter(l -> l.startsWith(";; communications error")).count(),
                    ours.out());
        }
    }

    /**
     * A first try lost, the second answered (a relay to NSD that drops the first datagram): the failed try comes
     * first, then the server lines and the answer, as BIND's host and nslookup print them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"host", "nslookup"})
    void aTryThatTimedOutIsPrintedBeforeTheAnswer(String tool) throws Exception {
        List<DnsTestSupport.Result> results = new ArrayList<>();
        for (boolean bind : new boolean[] {true, false}) {
            try (DropFirstRelay relay = new DropFirstRelay(nsd.port())) {
                String p = String.valueOf(relay.port());
                String[] args = tool.equals("host")
                        ? new String[] {"host", "-p", p, "-W", "1", "-t", "A", "server.netkit.test", "127.0.0.1"}
                        : new String[] {"nslookup", "-port=" + p, "-timeout=1", "-type=A", "server.netkit.test",
                                "127.0.0.1"};
                results.add(bind ? tool("", args) : netkit(args));
            }
        }
        DnsTestSupport.Result ours = results.get(1);
        // each run had a relay of its own, on another port
        assertEquals(results.get(0).out().replaceAll("#\\d+", "#P"), ours.out().replaceAll("#\\d+", "#P"));
        assertEquals(0, ours.code(), ours.out());
        assertTrue(ours.out().startsWith(";; communications error to 127.0.0.1#"), ours.out());
        assertTrue(ours.out().contains("198.18.10.10"), ours.out());
    }

    /** Relays datagrams on loopback to a DNS server and back, except the first, which it drops. */
    static final class DropFirstRelay implements AutoCloseable {
        private final java.net.DatagramSocket socket =
                new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        private final Thread thread;

        DropFirstRelay(int serverPort) throws IOException {
            socket.setSoTimeout(100);
            thread = Thread.ofPlatform().daemon().start(() -> relay(serverPort));
        }

        int port() {
            return socket.getLocalPort();
        }

        private void relay(int serverPort) {
            boolean first = true;
            try (java.net.DatagramSocket upstream = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                upstream.setSoTimeout(2000);
                byte[] buf = new byte[65535];
                while (!socket.isClosed()) {
                    java.net.DatagramPacket in = new java.net.DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(in);
                    } catch (java.net.SocketTimeoutException e) {
                        continue;
                    }
                    if (first) {
                        first = false;
                        continue;
                    }
                    upstream.send(new java.net.DatagramPacket(in.getData(), in.getLength(),
                            java.net.InetAddress.getLoopbackAddress(), serverPort));
                    java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[65535], 65535);
                    upstream.receive(answer);
                    socket.send(new java.net.DatagramPacket(answer.getData(), answer.getLength(), in.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(5000);
        }
    }

    /** A refused (closed port) or silent (open, never answers) server: the tries, the verdict, no server lines. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nslookupWithoutAnAnswerPrintsWhatBindNslookupPrints(boolean silent) throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            String p = String.valueOf(socket.getLocalPort());
            if (!silent) {
                socket.close(); // the port is now closed: ICMP port unreachable, "connection refused"
            }
            String[] args = {"nslookup", "-port=" + p, "-timeout=1", "-retry=1", "server.netkit.test", "127.0.0.1"};
            DnsTestSupport.Result bind = tool("", args);
            DnsTestSupport.Result ours = netkit(args);
            assertEquals(bind.out(), ours.out());
            assertEquals(bind.code(), ours.code());
            assertTrue(ours.out().contains(silent ? ": timed out" : ": connection refused"), ours.out());
            assertTrue(!ours.out().contains("Server:"), ours.out());
        }
    }

    @Test
    void nslookupInteractiveModeReadsCommands() {
        String script = "set type=mx\nnetkit.test\nset type=a\nnope.netkit.test\nserver.netkit.test\nexit\n";
        DnsTestSupport.Result bind = tool(script, "nslookup", "-port=" + port, "-", "127.0.0.1");
        DnsTestSupport.Result ours = netkitWithInput(script, "nslookup", "-port=" + port, "-", "127.0.0.1");
        assertEquals(bind.out(), ours.out());
        assertTrue(ours.out().contains("netkit.test\tmail exchanger = 10 mail.netkit.test."), ours.out());
    }

    @Test
    void hostJsonGivesOneResponsePerQueryType() {
        List<Map<String, Object>> lines = DnsTestSupport.parseLines(
                netkit("host", "--json", "-p", port, "www.netkit.test", "127.0.0.1").out());
        assertEquals(3, lines.size());
        assertEquals(List.of("A", "AAAA", "MX"), lines.stream()
                .map(m -> m.get("QTYPEname")).toList());
    }
}
