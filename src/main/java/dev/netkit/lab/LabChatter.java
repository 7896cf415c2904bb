package dev.netkit.lab;

import dev.netkit.NetkitException;
import dev.netkit.packet.BootpMessage;
import dev.netkit.packet.MacAddress;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The talkers of the {@code chatter} fault: pc2 and pc3 send what idle office machines send on a LAN, each
 * protocol from one nping process (nmap's packet generator) in the host's namespace, one packet every few
 * seconds, to link-local multicast or broadcast: no router forwards them, so they never leave the client LAN.
 * Their PIDs go into the lab's {@code pids} file (service {@code chatter}), so {@code lab down} kills them as
 * it kills the daemons, also after a {@code kill -9} of netkit.
 */
final class LabChatter {
    /** The service name of the talkers in the lab's {@code pids} file. */
    static final String SERVICE = "chatter";

    /** One talker: the host, the protocol it speaks, nping's arguments (without the interface and count). */
    record Talker(String host, String protocol, List<String> nping) {
    }

    private LabChatter() {
    }

    /** pc2: a printer browsing mDNS and a TV searching SSDP; pc3: a Windows PC asking LLMNR and DHCP. */
    static List<Talker> talkers() {
        return List.of(
                new Talker("pc2", "mdns", List.of("--dest-mac", "01:00:5e:00:00:fb", "-g", "5353", "-p", "5353",
                        "--ttl", "255", "--delay", "2s", "--data", hex(query("_services._dns-sd._udp.local.",
                                Type.PTR, 0)), "224.0.0.251")),
                new Talker("pc2", "ssdp", List.of("--dest-mac", "01:00:5e:7f:ff:fa", "-g", "49500", "-p", "1900",
                        "--ttl", "2", "--delay", "3s", "--data", hex(M_SEARCH.getBytes(StandardCharsets.US_ASCII)),
                        "239.255.255.250")),
                new Talker("pc3", "llmnr", List.of("--dest-mac", "01:00:5e:00:00:fc", "-g", "49501", "-p", "5355",
                        "--ttl", "1", "--delay", "2s", "--data", hex(query("fileserver.", Type.A, 0x4e4b)),
                        "224.0.0.252")),
                new Talker("pc3", "dhcp", List.of("--dest-mac", "ff:ff:ff:ff:ff:ff", "-S", "0.0.0.0",
                        "-g", Integer.toString(BootpMessage.CLIENT_PORT), "-p", Integer.toString(BootpMessage.SERVER_PORT),
                        "--ttl", "64", "--delay", "4s",
                        "--data", hex(BootpMessage.discover(MacAddress.parse(Topologies.mac(1, 12, false)), 0x4e4b0c01L,
                                "pc3")), "255.255.255.255")));
    }

    /** UPnP 1.1's search for every device and service (section 1.3.2). */
    private static final String M_SEARCH = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
            + "MAN: \"ssdp:discover\"\r\nMX: 2\r\nST: ssdp:all\r\n\r\n";

    /** A query with flags all zero, as mDNS (RFC 6762 section 18) and LLMNR (RFC 4795 section 2.1.1) send it. */
    private static byte[] query(String name, int type, int id) {
        try {
            Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
            m.getHeader().unsetFlag(Flags.RD);
            m.getHeader().setID(id);
            return m.toWire();
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Starts every talker in lab {@code lab} and records its PID; fails (exit 1) when one exits at once. */
    static void start(String lab, LabState state) {
        ExternalCommand.check(List.of(LabPackages.binary("ip"), "-n", Lab.namespace(lab, "r1"), "-batch", "-"),
                STP_SWITCH, TIMEOUT, "plugging the chattering switch sw2 into the client LAN");
        String nping = LabPackages.binary("nping");
        if (!nping.startsWith("/")) {
            LabPackages.ensure(List.of("nmap"), LabPackages.binary("apt-get"),
                    () -> LabPackages.binary("nping").startsWith("/") ? List.of() : List.of("nmap"));
            nping = LabPackages.binary("nping");
        }
        List<Process> started = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try {
            for (Talker t : talkers()) {
                List<String> cmd = new ArrayList<>(List.of(LabPackages.binary("setsid")));
                cmd.addAll(HostNamespaces.enter(lab, t.host()));
                cmd.addAll(List.of(nping, "--udp", "--send-eth", "-e", "eth0", "-c", "0", "-H"));
                cmd.addAll(t.nping());
                Path log = log(state, t);
                Daemons.mkdirs(log.getParent());
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                started.add(p);
                lines.add(t.host() + " " + SERVICE + " " + p.pid());
            }
        } catch (IOException e) {
            throw new NetkitException(1, "cannot start nping: " + e.getMessage(), e);
        } finally {
            state.addPids(lines);
        }
        // nping exits at once when it cannot send (no interface, no raw socket); otherwise it runs until killed
        long deadline = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < started.size(); i++) {
                if (!started.get(i).isAlive()) {
                    Talker t = talkers().get(i);
                    throw new NetkitException(1, "nping sending " + t.protocol() + " on " + t.host()
                            + " exited at start (exit " + started.get(i).exitValue() + "): see " + log(state, t));
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetkitException(1, "interrupted");
            }
        }
    }

    private static Path log(LabState state, Talker t) {
        return state.dir().resolve(t.host()).resolve(SERVICE).resolve(t.protocol() + ".log");
    }

    /**
     * A second switch under a desk, with STP on: the bridge {@code sw2br} in r1, its one port {@code uplink}
     * plugged by a veth into the LAN's bridge (that end is the port {@code sw2}). The kernel sends its
     * configuration BPDUs every hello time (2 s); the LAN's bridge runs no STP and floods them to every port.
     * No IPv6 on its interfaces, so it sends nothing else.
     */
    static final String STP_SWITCH = """
            link add sw2br address 02:6e:6b:01:02:01 type bridge stp_state 1
            link add sw2 address 02:6e:6b:01:02:02 type veth peer name uplink address 02:6e:6b:01:02:03
            link set sw2 master lan
            link set uplink master sw2br
            link set sw2br addrgenmode none
            link set sw2 addrgenmode none
            link set uplink addrgenmode none
            link set sw2 up
            link set uplink up
            link set sw2br up
            """;
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(10);

    /** Unplugs the chattering switch, kills the talkers recorded in lab state and forgets them. */
    static void stop(String lab, LabState state) {
        // deleting one end of the veth deletes both
        ExternalCommand.run(List.of(LabPackages.binary("ip"), "-n", Lab.namespace(lab, "r1"), "-batch", "-"),
                "link del sw2\nlink del sw2br\n", TIMEOUT);
        List<ProcessHandle> alive = new ArrayList<>();
        for (String[] p : state.pids()) {
            if (p[1].equals(SERVICE)) {
                // a PID of a talker that died may since belong to another program
                ProcessHandle.of(Long.parseLong(p[2])).filter(ph -> ph.info().commandLine().orElse("").contains("nping"))
                        .ifPresent(alive::add);
            }
        }
        alive.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle ph : alive) {
            ph.onExit().completeOnTimeout(ph, 3, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        state.removePids(SERVICE);
    }
}
