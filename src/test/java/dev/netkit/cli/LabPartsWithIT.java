package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import dev.netkit.lab.LabPart;
import dev.netkit.lab.LabState;
import dev.netkit.lab.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.netkit.lab.LabExtension.readOrEmpty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional lab parts ({@code lab up --with dhcp,ssh}): host {@code dhcp} takes its address, gateway and DNS from
 * dnsmasq on r1 with busybox's udhcpc, and releases and renews on request (DORA seen by {@code netkit sniff}); the
 * server runs OpenSSH's sshd, logged into with the lab's key.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LabPartsWithIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension(LabPart.with(Topologies.internet(), List.of(LabPart.DHCP, LabPart.SSH)));

    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final Pattern LEASED = Pattern.compile("inet (198\\.18\\.1\\.(\\d+))/24 ");

    private static Path state() {
        return LabState.ROOT.resolve("nk" + lab.name());
    }

    private static Path lease() {
        return state().resolve("dhcp/udhcpc/lease");
    }

    private static String pidFile() {
        return state().resolve("dhcp/udhcpc/udhcpc.pid").toString();
    }

    /** The IPv4 address on the dhcp host's eth0, or null. */
    private static String leased() {
        LabExtension.Result r = lab.exec("dhcp", SHORT, "ip", "-4", "-o", "addr", "show", "dev", "eth0");
        Matcher m = LEASED.matcher(r.stdout());
        return m.find() ? m.group(1) : null;
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void dhcpHostHasAddressGatewayAndDnsFromTheLease() throws Exception {
        String address = leased();
        assertTrue(address != null, lab.exec("dhcp", SHORT, "ip", "addr").output());
        int octet = Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
        assertTrue(octet >= 100 && octet <= 199, address + " is in the pool 198.18.1.100-199");
        assertTrue(lab.exec("dhcp", SHORT, "ip", "route", "show", "default").stdout()
                .startsWith("default via 198.18.1.1 dev eth0"));
        String resolv = lab.exec("dhcp", SHORT, "cat", "/etc/resolv.conf").stdout();
        assertTrue(resolv.startsWith("# from DHCP server 198.18.1.1 "), resolv);
        assertTrue(resolv.contains("\nnameserver 198.18.10.53\n") && resolv.contains("\nsearch netkit.test\n"), resolv);
        String leases = Files.readString(state().resolve("r1/dnsmasq/dnsmasq.leases"));
        assertTrue(leases.contains(" 02:6e:6b:01:00:64 " + address + " dhcp "), leases);
        // the lease works: a name through the resolver it named, a packet through the gateway it named
        LabExtension.Result ping = lab.exec("dhcp", SHORT, "ping", "-c", "1", "-W", "2", "server.netkit.test");
        assertEquals(0, ping.exitCode(), ping.output());
        assertTrue(ping.stdout().contains("(198.18.10.10)"), ping.stdout());
    }

    @Test
    void releaseThenRenewShowsDoraOnTheWire() throws Exception {
        Path dir = Files.createTempDirectory("dhcpit");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.ns("dhcp"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("netkit.jar", "target/netkit.jar"),
                "sniff", "-v", "-n", "-i", "eth0", "udp port 67 or udp port 68"));
        Process sniff = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            await("sniff listening", () -> readOrEmpty(err).contains("listening on"));
            LabExtension.Result release = lab.exec("dhcp", SHORT, "pkill", "-USR2", "-F", pidFile());
            assertEquals(0, release.exitCode(), release.output());
            await("the release (no address)", () -> !Files.exists(lease()) && leased() == null);
            LabExtension.Result renew = lab.exec("dhcp", SHORT, "pkill", "-USR1", "-F", pidFile());
            assertEquals(0, renew.exitCode(), renew.output());
            await("a new lease", () -> Files.exists(lease()) && leased() != null);
            await("the ACK printed", () -> readOrEmpty(out).contains(": ACK"));
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(sniff.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!sniff.waitFor(10, TimeUnit.SECONDS)) {
                sniff.destroyForcibly();
            }
        }
        String printed = readOrEmpty(out);
        List<String> types = new ArrayList<>();
        Matcher m = Pattern.compile("DHCP-Message \\(53\\), length 1: (\\w+)").matcher(printed);
        while (m.find()) {
            types.add(m.group(1));
        }
        assertEquals(List.of("Release", "Discover", "Offer", "Request", "ACK"), types, printed);
        assertTrue(printed.contains("Your-IP " + leased()), printed);
        for (Path f : List.of(out, err, dir)) {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void sshLogsInWithTheLabKeyAndRunsACommandOnTheServer() {
        String config = state().resolve("server/sshd/ssh_config").toString();
        for (String family : List.of("-4", "-6")) {
            LabExtension.Result r = lab.exec("client", SHORT, "ssh", family, "-F", config, "-o", "BatchMode=yes",
                    "server.netkit.test", "echo $SSH_CONNECTION; ip -br addr show eth0");
            assertEquals(0, r.exitCode(), r.output());
            List<String> lines = r.stdout().lines().toList();
            String connection = family.equals("-4") ? "198\\.18\\.1\\.10 \\d+ 198\\.18\\.10\\.10 22"
                    : "2001:db8:1::10 \\d+ 2001:db8:10::10 22";
            assertTrue(lines.get(0).matches(connection), r.stdout());
            assertTrue(lines.get(1).contains("198.18.10.10/24"), r.stdout());
        }
        // the host key is the lab's own: a client without the lab's known_hosts is refused
        LabExtension.Result stranger = lab.exec("client", SHORT, "ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=/dev/null", "-i",
                state().resolve("server/sshd/id_ed25519").toString(), "root@198.18.10.10", "true");
        assertEquals(255, stranger.exitCode(), stranger.output());
        assertTrue(stranger.stderr().contains("Host key verification failed."), stranger.stderr());
        // port 22 is sshd's, no longer nginx's banner
        LabExtension.Result banner = lab.exec("client", SHORT, "nc", "-w", "2", "198.18.10.10", "22");
        assertTrue(banner.stdout().startsWith("SSH-2.0-OpenSSH_"), banner.output());
        assertFalse(banner.stdout().contains("netkit-lab"), banner.output());
    }
}
