package dev.netkit.cli.render;

import dev.netkit.arp.ArpEndpoint;
import dev.netkit.arp.ArpScanner;
import dev.netkit.arp.Ipv4Targets;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * arp scan's progress: the scanner reports the requests settled through its callback, and the shared line shows
 * them of targets x rounds, with a fake clock (one second per report) and terminal flag as ProgressTest. Nobody
 * answers on this scripted wire.
 */
class ArpScanProgressTest {
    static final long SECOND = 1_000_000_000L;
    static final String CLEAR = "\r\033[K";
    static final ArpEndpoint FROM = new ArpEndpoint("eth0", MacAddress.parse("02:00:00:00:00:0a"),
            Ipv4Targets.expand(List.of("198.18.1.10")).get(0), 24);

    String shown(boolean terminal) {
        AtomicLong clock = new AtomicLong();
        AtomicLong done = new AtomicLong();
        StringWriter err = new StringWriter();
        Progress p = Progress.manual("arp", "requests", done::get, () -> 4, new PrintWriter(err), terminal, 0,
                clock::get);
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        new ArpScanner(wire, FROM, 0, 1_000_000L, 1).reportingTo(n -> {
            done.set(n);
            clock.addAndGet(SECOND);
            p.tick();
        }).scan(Ipv4Targets.expand(List.of("198.18.1.11-14")), a -> { });
        p.close();
        assertEquals(4, wire.sent().size());
        return err.toString();
    }

    @Test
    void onATerminalTheLineCountsRequestsOfTargetsTimesRounds() {
        assertEquals(CLEAR + "arp: 75.0% (3/4 requests), 1 requests/s, ETA 1.0 s"
                + CLEAR + "arp: 100.0% (4/4 requests), 1 requests/s, ETA -"
                + CLEAR + "arp: 100.0% (4/4 requests), 1 requests/s, ETA -" + CLEAR, shown(true));
    }

    @Test
    void nothingWhenStderrIsNotATerminal() {
        assertEquals("", shown(false));
    }
}
