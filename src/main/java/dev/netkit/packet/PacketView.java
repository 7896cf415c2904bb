package dev.netkit.packet;

import java.util.Objects;

/**
 * A bounds-checked window {@code [offset, offset + length)} of a {@code byte[]} holding one protocol's
 * bytes (the smoltcp "packet" view of RFC 1122 layering): subclasses check the length once when they are
 * made, so their accessors never read outside the window.
 */
public abstract class PacketView {
    protected final byte[] buffer;
    protected final int offset;
    protected final int length;

    protected PacketView(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** Where a message said to start at {@code offset} starts, clamped to {@code buffer}. */
    protected static int start(byte[] buffer, int offset) {
        return Math.min(Math.max(0, offset), buffer.length);
    }

    /** How much of a message said to span {@code [offset, end)} of {@code buffer} was captured. */
    protected static int captured(byte[] buffer, int offset, int end) {
        return Math.max(0, Math.min(end, buffer.length) - Math.max(0, offset));
    }

    /** The whole underlying array (shared, not copied). */
    public byte[] buffer() {
        return buffer;
    }

    /** Where this protocol's bytes start in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** How many bytes of this protocol were captured, header and payload. */
    public int length() {
        return length;
    }

    protected final int u8(int i) {
        return NetworkOrder.u8(buffer, offset + i);
    }

    protected final int u16(int i) {
        return NetworkOrder.u16(buffer, offset + i);
    }

    protected final long u32(int i) {
        return NetworkOrder.u32(buffer, offset + i);
    }

    protected final byte[] bytes(int i, int n) {
        return NetworkOrder.copy(buffer, offset + i, n);
    }

    /** The byte at {@code i}, or a truncation error naming the protocol and field when it was not captured. */
    protected final int u8(String protocol, String field, int i) {
        require(protocol, field, i + 1, length);
        return u8(i);
    }

    protected final int u16(String protocol, String field, int i) {
        require(protocol, field, i + 2, length);
        return u16(i);
    }

    /** The 24-bit field at {@code i} (a VNI, a service path id). */
    protected final int u24(String protocol, String field, int i) {
        require(protocol, field, i + 3, length);
        return u8(i) << 16 | u16(i + 1);
    }

    protected final long u32(String protocol, String field, int i) {
        require(protocol, field, i + 4, length);
        return u32(i);
    }

    protected final byte[] bytes(String protocol, String field, int i, int n) {
        require(protocol, field, i + n, length);
        return bytes(i, n);
    }

    /** Throws a truncation error unless {@code needed} bytes were captured. */
    protected static void require(String protocol, String field, int needed, int captured) {
        if (needed > captured) {
            throw MalformedPacketException.truncated(protocol, field, needed, captured);
        }
    }
}
