package dev.netkit.probe;

/** A probe on its way: when it left (epoch nanoseconds, the clock of kernel receive timestamps) and its token. */
public record Sent(long timeNanos, int token) {
}
