package dev.netkit.sniff;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.packet.LinkType;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Where {@code sniff -w} writes: one pcap file, or a rotation like tcpdump's. {@code -C MB} starts a new file
 * when the current one exceeds MB million bytes (FILE, FILE1, FILE2, ...; with {@code -W N} the names are
 * FILE0..FILE(N-1), zero-padded, and reused in a ring). {@code -G SECS} starts a new file every SECS seconds of
 * capture time, naming it by expanding strftime fields (%Y %m %d %H %M %S) in FILE; with {@code -W N} the
 * capture ends after N files.
 */
public final class CaptureFileSink implements AutoCloseable {
    /** How to rotate: 0 for "never" in each field. */
    public record Rotation(long maxBytes, long secondsPerFile, int fileLimit) {
        public static final Rotation NONE = new Rotation(0, 0, 0);
    }

    private final String pattern;
    private final Rotation rotation;
    private final int snaplen;
    private final boolean nanos;
    private PcapFileWriter writer;
    private LinkType linkType;
    private int fileIndex;
    private long fileStartSeconds = Long.MIN_VALUE;
    private boolean finished;
    private long written;

    public CaptureFileSink(String pattern, Rotation rotation, int snaplen, boolean nanos) {
        this.pattern = pattern;
        this.rotation = rotation;
        this.snaplen = snaplen;
        this.nanos = nanos;
    }

    /**
     * Writes one frame (rotating first when due); returns false once a {@code -G ... -W N} capture has
     * written its N files and the capture should end.
     */
    public boolean write(CapturedFrame f) {
        if (finished) {
            return false;
        }
        long sec = Math.floorDiv(f.timestampNanos(), 1_000_000_000L);
        if (writer == null) {
            linkType = f.linkType();
            open(sec);
        } else if (rotation.secondsPerFile() > 0 && sec - fileStartSeconds >= rotation.secondsPerFile()) {
            if (rotation.fileLimit() > 0 && fileIndex + 1 >= rotation.fileLimit()) {
                finished = true;
                return false;
            }
            writer.close();
            fileIndex++;
            open(sec);
        } else if (rotation.maxBytes() > 0 && writer.bytesWritten() > rotation.maxBytes()) {
            writer.close();
            fileIndex++;
            if (rotation.fileLimit() > 0) {
                fileIndex %= rotation.fileLimit();
            }
            open(sec);
        }
        if (writer.write(f)) {
            written++;
        }
        return true;
    }

    /** The frames written to all files. */
    public long framesWritten() {
        return written;
    }

    /** The name of the file being written (tests, messages). */
    public String currentName() {
        return writer == null ? name(0, 0) : name(fileIndex, fileStartSeconds);
    }

    public void flush() {
        if (writer != null) {
            writer.flush();
        }
    }

    /**
     * Opens the file now, before the first frame, so a capture that sees nothing still leaves a valid empty
     * file, as tcpdump does.
     */
    public void start(LinkType type, long epochSeconds) {
        if (writer == null) {
            linkType = type;
            open(epochSeconds);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private void open(long sec) {
        fileStartSeconds = sec;
        writer = PcapFileWriter.create(Path.of(name(fileIndex, sec)), linkType, snaplen, nanos);
    }

    String name(int index, long sec) {
        String base = pattern;
        if (rotation.secondsPerFile() > 0 && base.indexOf('%') >= 0) {
            base = strftime(base, sec);
        }
        if (rotation.maxBytes() > 0) {
            if (rotation.fileLimit() > 0) {
                int width = Integer.toString(Math.max(0, rotation.fileLimit() - 1)).length();
                String n = Integer.toString(index);
                return base + "0".repeat(Math.max(0, width - n.length())) + n;
            }
            return index == 0 ? base : base + index;
        }
        return base;
    }

    static String strftime(String p, long sec) {
        ZonedDateTime t = Instant.ofEpochSecond(sec).atZone(ZoneId.systemDefault());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c != '%' || i + 1 == p.length()) {
                b.append(c);
                continue;
            }
            char k = p.charAt(++i);
            switch (k) {
                case 'Y' -> b.append(t.getYear());
                case 'm' -> two(b, t.getMonthValue());
                case 'd' -> two(b, t.getDayOfMonth());
                case 'H' -> two(b, t.getHour());
                case 'M' -> two(b, t.getMinute());
                case 'S' -> two(b, t.getSecond());
                case 's' -> b.append(sec);
                case '%' -> b.append('%');
                default -> b.append('%').append(k);
            }
        }
        return b.toString();
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
