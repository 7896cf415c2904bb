package dev.netkit.capture;

import java.util.List;

/**
 * An interface libpcap can capture on, numbered from 1 in libpcap's order (what {@code tcpdump -D} prints
 * and {@code -i N} accepts).
 */
public record CaptureDevice(int number, String name, String description, List<String> addresses,
        boolean up, boolean running, boolean loopback) {

    /** tcpdump -D's flags: {@code [Up, Running, Loopback]}. */
    public String flags() {
        StringBuilder b = new StringBuilder("[");
        if (up) {
            b.append("Up");
        }
        if (running) {
            b.append(b.length() > 1 ? ", " : "").append("Running");
        }
        if (loopback) {
            b.append(b.length() > 1 ? ", " : "").append("Loopback");
        }
        return b.append(']').toString();
    }
}
