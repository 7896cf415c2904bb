package dev.netkit.capture;

import dev.netkit.packet.LinkType;

/**
 * One captured frame: its time, its link type, the length it had on the wire and the bytes captured
 * (at most the snap length, so {@code data.length <= originalLength} unless the source lied).
 *
 * @param timestampNanos nanoseconds since the Unix epoch
 * @param linkType       how to read the first bytes of {@code data}
 * @param originalLength the frame's length on the wire
 * @param data           the captured bytes; callers must not modify them
 */
public record CapturedFrame(long timestampNanos, LinkType linkType, int originalLength, byte[] data) {

    /** A whole frame (nothing cut by a snap length) captured or built at {@code timestampNanos}. */
    public static CapturedFrame of(long timestampNanos, LinkType linkType, byte[] data) {
        return new CapturedFrame(timestampNanos, linkType, data.length, data);
    }

    /** The number of bytes captured. */
    public int capturedLength() {
        return data.length;
    }

    /** Seconds since the epoch as a double (for JSON "ts"). */
    public double epochSeconds() {
        return Math.floorDiv(timestampNanos, 1_000_000_000L) + Math.floorMod(timestampNanos, 1_000_000_000L) / 1e9;
    }
}
