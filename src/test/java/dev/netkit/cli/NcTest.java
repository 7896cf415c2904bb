package dev.netkit.cli;

import dev.netkit.cli.render.NcRenderer;
import dev.netkit.nc.Endpoint;
import dev.netkit.nc.NcEvent;
import dev.netkit.nc.Transport;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netkit nc}'s argument checks and netcat's messages; network only on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NcTest {
    static NetkitTest.Result run(String... args) {
        return NetkitTest.run(args);
    }

    static void assertUsage(String expected, String... args) {
        NetkitTest.Result r = run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("netkit nc: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void optionsThatExcludeEachOtherAreUsageErrors() {
        assertUsage("-4 and -6 exclude each other", "nc", "-4", "-6", "127.0.0.1", "80");
        assertUsage("-k needs -l", "nc", "-k", "127.0.0.1", "80");
        assertUsage("-l and -z exclude each other", "nc", "-l", "-z", "8000");
        assertUsage("a port range needs -z", "nc", "127.0.0.1", "80-90");
        assertUsage("-l listens on one port", "nc", "-l", "8000-8010");
        assertUsage("-l needs a port", "nc", "-l");
        assertUsage("give HOST and PORT", "nc", "127.0.0.1");
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertUsage("port 70000 is out of range: use 1..65535", "nc", "-z", "127.0.0.1", "70000");
        assertUsage("port 0 is out of range", "nc", "-z", "127.0.0.1", "0");
        assertUsage("runs backwards", "nc", "-z", "127.0.0.1", "90-80");
        assertUsage("is not a port", "nc", "-z", "127.0.0.1", "8o");
        assertUsage("unknown service name 'nosuchservice'", "nc", "-z", "127.0.0.1", "nosuchservice");
        assertUsage("-w takes seconds, not 'soon'", "nc", "-w", "soon", "127.0.0.1", "80");
        assertUsage("-w 0 is out of range", "nc", "-w", "0", "127.0.0.1", "80");
        assertUsage("--max-bytes 0 is out of range: use 1 or more", "nc", "--max-bytes", "0", "-l", "8000");
        assertUsage("is not an IPv4 or IPv6 address (-s)", "nc", "-s", "nowhere", "127.0.0.1", "80");
        assertUsage("-p takes one port", "nc", "-p", "1000-2000", "127.0.0.1", "80");
    }

    @Test
    void addressesMustMatchTheFamilyAndNumericForbidsNames() {
        assertUsage("'::1' is not an IPv4 address, but -4 was given", "nc", "-4", "-z", "::1", "80");
        assertUsage("'127.0.0.1' is not an IPv6 address", "nc", "-6", "-z", "127.0.0.1", "80");
        assertUsage("-n forbids name lookups", "nc", "-n", "-z", "server.netkit.test", "80");
    }

    @Test
    void thereIsNoOptionToRunAProgram() {
        NetkitTest.Result r = run("nc", "-e", "/bin/sh", "127.0.0.1", "80");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '-e'"), r.err());
        assertFalse(run("nc", "--help").out().contains("-e"), "help must not offer -e");
    }

    @Test
    void zeroIoPrintsNetcatMessagesAndExitCodes() throws IOException {
        try (ServerSocketChannel open = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            open.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) open.getLocalAddress()).getPort();
            String service = Services.system().name(port, "tcp");
            NetkitTest.Result ok = run("nc", "-z", "-v", "-w", "2", "127.0.0.1", String.valueOf(port));
            assertEquals(0, ok.code(), ok.err());
            assertEquals("Connection to 127.0.0.1 " + port + " port [tcp/" + (service == null ? "*" : service)
                    + "] succeeded!\n", ok.err());
            assertEquals("", ok.out());
            // Quiet without -v, as netcat is.
            NetkitTest.Result quiet = run("nc", "-z", "127.0.0.1", String.valueOf(port));
            assertEquals(0, quiet.code());
            assertEquals("", quiet.err());
        }
        int closed = closedPort();
        NetkitTest.Result refused = run("nc", "-zv", "-w1", "127.0.0.1", closed + "-" + closed);
        assertEquals(1, refused.code());
        assertEquals("netkit nc: connect to 127.0.0.1 port " + closed + " (tcp) failed: Connection refused\n",
                refused.err());
    }

    @Test
    void zeroIoJsonGoesToStdout() throws IOException {
        int closed = closedPort();
        NetkitTest.Result r = run("nc", "-z", "--json", "127.0.0.1", String.valueOf(closed));
        assertEquals(1, r.code());
        assertEquals("{\"type\":\"connect\",\"host\":\"127.0.0.1\",\"address\":\"127.0.0.1\",\"port\":" + closed
                + ",\"protocol\":\"tcp\"" + serviceJson(closed) + ",\"state\":\"refused\",\"error\":\"Connection refused\"}\n",
                r.out());
    }

    @Test
    void plainConnectFailureIsReportedEvenWithoutVerbose() throws IOException {
        int closed = closedPort();
        NetkitTest.Result r = run("nc", "127.0.0.1", String.valueOf(closed));
        assertEquals(1, r.code());
        assertEquals("netkit nc: connect to 127.0.0.1 port " + closed + " (tcp) failed: Connection refused\n", r.err());
    }

    @Test
    void messagesAreNetcatsWordForWord() {
        StringWriter err = new StringWriter();
        NcRenderer text = new NcRenderer(new PrintWriter(err), true, true, null, Services.system());
        InetAddress server = IpLiteral.parse("198.18.10.10", "test");
        text.accept(new NcEvent.Connected(new Endpoint("server.netkit.test", server, 80), Transport.TCP));
        text.accept(new NcEvent.ConnectFailed(new Endpoint("server.netkit.test", server, 9998), Transport.TCP,
                NcEvent.Failure.REFUSED, "Connection refused"));
        text.accept(new NcEvent.ConnectFailed(new Endpoint("198.18.10.10", server, 9999), Transport.TCP,
                NcEvent.Failure.TIMED_OUT, "Operation now in progress"));
        text.accept(new NcEvent.Listening(new InetSocketAddress(IpLiteral.parse("0.0.0.0", "t"), 8000), Transport.TCP));
        text.accept(new NcEvent.Listening(new InetSocketAddress(IpLiteral.parse("::", "t"), 7), Transport.UDP));
        text.accept(new NcEvent.Accepted(new InetSocketAddress(IpLiteral.parse("198.18.1.10", "t"), 50412), Transport.TCP));
        text.accept(new NcEvent.Connected(new Endpoint("server.netkit.test", server, 7), Transport.UDP));
        assertEquals("""
                Connection to server.netkit.test (198.18.10.10) 80 port [tcp/http] succeeded!
                netkit nc: connect to server.netkit.test (198.18.10.10) port 9998 (tcp) failed: Connection refused
                netkit nc: connect to 198.18.10.10 port 9999 (tcp) timed out: Operation now in progress
                Listening on 0.0.0.0 8000
                Bound on :: 7
                Connection received on 198.18.1.10 50412
                Connection to server.netkit.test (198.18.10.10) 7 port [udp/echo] succeeded!
                """, err.toString());
    }

    private static String serviceJson(int port) {
        String s = Services.system().name(port, "tcp");
        return s == null ? "" : ",\"service\":\"" + s + "\"";
    }

    private static int closedPort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }
}
