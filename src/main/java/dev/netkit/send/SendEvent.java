package dev.netkit.send;

import dev.netkit.capture.CapturedFrame;

/** What {@code send} reports: each frame it put on the wire (or in the file), each reply, and the totals. */
public sealed interface SendEvent {
    /** A crafted frame, sent (or written by --dry-run); {@code probe} counts from 1. */
    record Sent(CapturedFrame frame, int probe) implements SendEvent {
    }

    /** A frame that answers a probe, {@code rttMillis} after the last frame of that probe left. */
    record Reply(CapturedFrame frame, int probe, double rttMillis) implements SendEvent {
    }

    /** The end: how many probes went out and how many replies came back. */
    record Done(int probes, int frames, int replies) implements SendEvent {
    }
}
