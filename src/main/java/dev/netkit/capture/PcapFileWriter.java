package dev.netkit.capture;

import dev.netkit.packet.LinkType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (little-endian, version 2.4, micro- or nanosecond magic) that tcpdump, tshark
 * and Wireshark open. Buffered; {@link #flush()} pushes what was written to the file, {@link #close()} also.
 */
public final class PcapFileWriter implements AutoCloseable {
    private final OutputStream out;
    private final boolean closeUnderlying;
    private final LinkType linkType;
    private final boolean nanos;
    private final byte[] header = new byte[16];
    private long bytes;
    private long frames;
    private boolean closed;

    /**
     * Starts a file with the given link type and snap length; {@code nanos} picks the nanosecond magic
     * (0xa1b23c4d), otherwise timestamps are rounded down to microseconds like tcpdump writes them.
     */
    public PcapFileWriter(OutputStream out, LinkType linkType, int snaplen, boolean nanos) {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.closeUnderlying = out != System.out;
        this.linkType = linkType;
        this.nanos = nanos;
        byte[] h = new byte[24];
        le32(h, 0, nanos ? 0xA1B23C4D : 0xA1B2C3D4);
        h[4] = 2;
        h[6] = 4;
        le32(h, 16, snaplen);
        le32(h, 20, linkType.value());
        write(h, 0, 24);
    }

    /** Creates (or truncates) {@code path} and writes the file header. */
    public static PcapFileWriter create(Path path, LinkType linkType, int snaplen, boolean nanos) {
        try {
            if (path.toString().equals("-")) {
                return new PcapFileWriter(System.out, linkType, snaplen, nanos);
            }
            return new PcapFileWriter(Files.newOutputStream(path), linkType, snaplen, nanos);
        } catch (IOException e) {
            throw new CaptureException(dev.netkit.ExitCode.USAGE, path + ": cannot write: " + e.getMessage(), e);
        }
    }

    public LinkType linkType() {
        return linkType;
    }

    /** Appends one frame; a frame of another link type than the file's cannot be stored and returns false. */
    public boolean write(CapturedFrame f) {
        if (!f.linkType().equals(linkType)) {
            return false;
        }
        long sec = Math.floorDiv(f.timestampNanos(), 1_000_000_000L);
        long sub = Math.floorMod(f.timestampNanos(), 1_000_000_000L);
        le32(header, 0, (int) sec);
        le32(header, 4, (int) (nanos ? sub : sub / 1000));
        le32(header, 8, f.data().length);
        le32(header, 12, Math.max(f.originalLength(), f.data().length));
        write(header, 0, 16);
        write(f.data(), 0, f.data().length);
        frames++;
        return true;
    }

    /** Bytes written so far, headers included (for -C rotation). */
    public long bytesWritten() {
        return bytes;
    }

    public long framesWritten() {
        return frames;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.flush();
            if (closeUnderlying) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
            bytes += len;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void le32(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }
}
