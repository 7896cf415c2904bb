package dev.netkit.sniff;

import dev.netkit.capture.CaptureStats;

/**
 * How a capture ended: packets read from the source and passed to the listener, the source's own counts,
 * and why reading a file stopped early (or {@code null}).
 */
public record SniffSummary(long captured, CaptureStats stats, String problem) {
}
