package dev.netkit.lab;

import dev.netkit.capture.CaptureOptions;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.LiveCapture;
import dev.netkit.lab.Daemons.Launch;
import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;
import dev.netkit.lab.Topology.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The lab part {@code delay} (exercise 002-74): the link r1-r2 becomes a long-haul line, {@value #DELAY_MS} ms each
 * way, like an ocean crossing, so a trace steps up at r2 and stays up to the end. This kernel has no netem qdisc, so the
 * line is a host {@code ocean} between r1 and r2 whose two interfaces are joined by this relay: it captures each frame
 * that comes in on one side and sends it out of the other {@value #DELAY_MS} ms later, in order. The ocean has no
 * address and no IPv6, so it is no hop: r1 and r2 stay neighbours on 198.18.2.0/30.
 *
 * <p>r1 and r2 hand their frames to the line complete: checksums filled in and no segmentation offload (ethtool), since
 * a frame that the kernel leaves for the "hardware" to finish would reach the far side unfinished through a capture.
 */
public final class DelayLine {
    /** The host that carries the line. */
    static final String HOST = "ocean";
    static final String NEAR = "r1";
    static final String FAR = "r2";
    static final int DELAY_MS = 80;
    /** Frames held per direction at most (80 ms of a busy line); more are dropped, as a full router queue does. */
    private static final int QUEUE = 4096;

    private DelayLine() {
    }

    static boolean fits(Topology t) {
        return link(t) != null && t.host(HOST).isEmpty();
    }

    /** The link between r1 and r2, with r1's end first. */
    private static Link link(Topology t) {
        for (Link l : t.links()) {
            if (l.a().host().equals(NEAR) && l.b().host().equals(FAR) && l.a().bridge() == null
                    && l.b().bridge() == null) {
                return l;
            }
        }
        return null;
    }

    /** r1 - ocean - r2 instead of r1 - r2: the ocean's interfaces are named after the router they face. */
    static Topology apply(Topology t) {
        Link old = link(t);
        List<Link> links = new ArrayList<>();
        for (Link l : t.links()) {
            if (l != old) {
                links.add(l);
            }
        }
        links.add(new Link(old.a(), new Endpoint(HOST, NEAR, Topologies.mac(2, 0xf1, false), old.a().mtu(), null,
                List.of())));
        links.add(new Link(new Endpoint(HOST, FAR, Topologies.mac(2, 0xf2, false), old.b().mtu(), null, List.of()),
                old.b()));
        List<Host> hosts = new ArrayList<>(t.hosts());
        hosts.add(new Host(HOST, Role.HOST, "the line from r1 to r2: " + DELAY_MS + " ms each way (a relay, no hop)",
                List.of(), "", List.of(Service.DELAY_LINE)));
        return new Topology(t.name(), t.description(), hosts, links, t.bridges());
    }

    /** The namespace of {@code host} in the lab whose state directory holds {@code daemons}' files. */
    private static String namespace(Daemons daemons, String host) {
        return daemons.dir(host).getParent().getFileName() + "-" + host;
    }

    /** The file the relay writes once it captures on both sides: what up waits for. */
    static Path ready(Daemons daemons) {
        return daemons.dir(HOST).resolve("line").resolve("ready");
    }

    /**
     * The relay in a JVM of its own (this JVM's java and class path), after the ocean's interfaces lose IPv6 (no
     * frame of its own) and r1's and r2's ends stop offloading checksums and segmentation.
     */
    static Launch launch(Topology topology, Host host, Daemons daemons) {
        Link line = topology.links().stream().filter(l -> l.b().host().equals(HOST) && l.b().ifname().equals(NEAR))
                .findFirst().orElseThrow();
        Link far = topology.links().stream().filter(l -> l.a().host().equals(HOST) && l.a().ifname().equals(FAR))
                .findFirst().orElseThrow();
        Path d = daemons.dir(host.name()).resolve("line");
        Daemons.mkdirs(d);
        String script = """
                set -e
                ip="$1"; ethtool="$2"
                for i in %1$s %2$s; do echo 1 > /proc/sys/net/ipv6/conf/$i/disable_ipv6; done
                "$ip" netns exec %3$s "$ethtool" -K %4$s tx off tso off gso off > /dev/null
                "$ip" netns exec %5$s "$ethtool" -K %6$s tx off tso off gso off > /dev/null
                shift 2
                exec "$@"
                """.formatted(NEAR, FAR, namespace(daemons, line.a().host()), line.a().ifname(),
                namespace(daemons, far.b().host()), far.b().ifname());
        List<String> command = new ArrayList<>(List.of(LabPackages.binary("sh"), "-c", script, "ocean-of-lab",
                LabPackages.binary("ip"), LabPackages.binary("ethtool"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DelayLine.class.getName(), NEAR, FAR, Integer.toString(DELAY_MS), ready(daemons).toString()));
        return new Launch(host.name(), Service.DELAY_LINE, command, d.resolve("stdout.log"), List.of(), ready(daemons));
    }

    /** A frame and when it may go on. */
    private record Held(long dueNanos, byte[] frame) {
    }

    /** {@code DelayLine IF_A IF_B MILLIS READY_FILE}: relays both ways until killed (lab down). */
    public static void main(String[] args) throws InterruptedException {
        long delay = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2]));
        // inbound only: what the relay sends out of an interface must not come back in through its own capture
        FrameChannel a = LiveCapture.open(CaptureOptions.on(args[0]).withFilter("inbound"));
        FrameChannel b = LiveCapture.open(CaptureOptions.on(args[1]).withFilter("inbound"));
        List<Thread> threads = new ArrayList<>();
        threads.addAll(relay(a, b, delay, args[0] + " -> " + args[1]));
        threads.addAll(relay(b, a, delay, args[1] + " -> " + args[0]));
        try {
            Files.writeString(Path.of(args[3]), args[0] + " <-> " + args[1] + " " + args[2] + " ms\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("relaying " + args[0] + " <-> " + args[1] + ", " + args[2] + " ms each way");
        for (Thread t : threads) {
            t.join();
        }
    }

    /** One direction: a thread that captures and holds, one that sends each frame when its time has come. */
    private static List<Thread> relay(FrameChannel in, FrameChannel out, long delay, String name) {
        BlockingQueue<Held> held = new ArrayBlockingQueue<>(QUEUE);
        Thread receive = Thread.ofPlatform().name("in " + name).start(() -> {
            while (!in.ended()) {
                CapturedFrame f = in.receiveWithin(1000);
                if (f != null) {
                    held.offer(new Held(System.nanoTime() + delay, f.data()));
                }
            }
        });
        Thread send = Thread.ofPlatform().name("out " + name).start(() -> {
            try {
                while (true) {
                    Held h = held.take();
                    for (long wait; (wait = h.dueNanos() - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        out.send(h.frame());
                    } catch (RuntimeException e) {
                        // one frame that cannot go (too long for the far side) is lost, as on a real line
                        System.out.println(name + ": a frame of " + h.frame().length + " bytes lost: " + e.getMessage());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return List.of(receive, send);
    }
}
