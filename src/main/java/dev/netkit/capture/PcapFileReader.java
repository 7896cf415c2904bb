package dev.netkit.capture;

import dev.netkit.packet.LinkType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcap (micro- and nanosecond, both byte orders, the "modified" variant) and pcapng (any number of
 * sections and interfaces, EPB/SPB/OPB) without native code.
 *
 * <p>Files are untrusted: every length is checked before it is used, no record may claim more than
 * {@link #MAX_CAPTURE} bytes or a block more than {@link #MAX_BLOCK}, and damage ends reading cleanly
 * (the frames before it are delivered; {@link #problem()} says what was wrong and where) instead of throwing.
 */
public final class PcapFileReader implements FrameChannel {
    /** libpcap's MAXIMUM_SNAPLEN: no record may capture more. */
    public static final int MAX_CAPTURE = 262_144;
    /** The largest pcapng block accepted (libpcap's limit too). */
    public static final int MAX_BLOCK = 16 * 1024 * 1024;

    /** The two container formats. */
    public enum Format { PCAP, PCAPNG }

    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private final String name;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private long offset; // file offset of buf[pos]
    private boolean eof;

    private final Format format;
    private boolean bigEndian;
    private boolean nanoPrecision;
    private boolean modifiedPcap;
    private int snaplen;
    private LinkType linkType;
    private final List<Interface> interfaces = new ArrayList<>();
    private final byte[] head = new byte[32];
    private boolean ended;
    private String problem;
    private long frames;
    /** Bytes of the file read up to the last frame returned: read by a progress line from its own thread. */
    private volatile long position;

    /** A pcapng interface description: its link type, snap length and time resolution. */
    private record Interface(LinkType linkType, int snaplen, long unitsPerSecond, long offsetSeconds) {
    }

    private PcapFileReader(String name, InputStream in) throws IOException {
        this.name = name;
        this.in = in;
        if (!fill(4)) {
            throw CaptureException.badFile(name + ": not a pcap or pcapng file (" + (limit - pos) + " bytes)");
        }
        int magic = be32(buf, pos);
        if (magic == PCAPNG_SHB) {
            format = Format.PCAPNG;
            readFirstSectionHeader();
        } else {
            format = Format.PCAP;
            readPcapHeader(magic);
        }
    }

    /** Opens a capture file; {@code -} reads standard input. */
    public static PcapFileReader open(Path path) {
        try {
            if (path.toString().equals("-")) {
                return new PcapFileReader("stdin", System.in);
            }
            InputStream in = Files.newInputStream(path);
            try {
                return new PcapFileReader(path.toString(), in);
            } catch (RuntimeException | IOException e) {
                in.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw CaptureException.badFile(path + ": no such file");
        } catch (IOException e) {
            throw CaptureException.badFile(path + ": " + e.getMessage());
        }
    }

    /** Reads a capture from a stream (tests, pipes); {@code name} appears in messages. */
    public static PcapFileReader open(InputStream in, String name) {
        try {
            return new PcapFileReader(name, in);
        } catch (IOException e) {
            throw CaptureException.badFile(name + ": " + e.getMessage());
        }
    }

    public Format format() {
        return format;
    }

    /** True when the file's timestamps are finer than microseconds (pcap nano, pcapng with tsresol > 6). */
    public boolean nanosecondPrecision() {
        return nanoPrecision;
    }

    /** The snap length the file declares (pcapng: of its first interface, 0 if none). */
    public int snaplen() {
        return snaplen;
    }

    /** The link type of the file (pcapng: of its first interface; each CapturedFrame carries its own). */
    @Override
    public LinkType linkType() {
        return linkType == null ? LinkType.EN10MB : linkType;
    }

    /** Bytes of the file read so far, up to the end of the last frame returned (for feedback on long reads). */
    public long position() {
        return position;
    }

    /** Why reading stopped before a clean end of file, or {@code null}. */
    public String problem() {
        return problem;
    }

    @Override
    public CapturedFrame receive(long deadlineNanos) {
        return next();
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void send(byte[] frame) {
        throw new UnsupportedOperationException("a capture file cannot send");
    }

    @Override
    public CaptureStats stats() {
        return new CaptureStats(frames, 0, 0);
    }

    @Override
    public void close() {
        ended = true;
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** The next frame, or {@code null} at the end of the file or at the first damage (see {@link #problem()}). */
    public CapturedFrame next() {
        if (ended) {
            return null;
        }
        try {
            CapturedFrame f = format == Format.PCAP ? nextPcap() : nextPcapng();
            if (f == null) {
                ended = true;
            } else {
                frames++;
                position = offset;
            }
            return f;
        } catch (IOException e) {
            stop("read error: " + e.getMessage());
            return null;
        }
    }

    private CapturedFrame stop(String why) {
        problem = name + ": " + why;
        ended = true;
        return null;
    }

    // ---- pcap ----

    private void readPcapHeader(int magic) throws IOException {
        switch (magic) {
            case 0xA1B2C3D4 -> bigEndian = true;
            case 0xD4C3B2A1 -> bigEndian = false;
            case 0xA1B23C4D -> { bigEndian = true; nanoPrecision = true; }
            case 0x4D3CB2A1 -> { bigEndian = false; nanoPrecision = true; }
            case 0xA1B2CD34 -> { bigEndian = true; modifiedPcap = true; }
            case 0x34CDB2A1 -> { bigEndian = false; modifiedPcap = true; }
            default -> throw CaptureException.badFile(name + ": not a pcap or pcapng file (magic 0x"
                    + Integer.toHexString(magic) + ")");
        }
        if (!read(head, 24)) {
            throw CaptureException.badFile(name + ": pcap file header truncated (24 bytes needed)");
        }
        snaplen = u32(head, 16);
        linkType = LinkType.valueOf(u32(head, 20) & 0xFFFF);
    }

    private CapturedFrame nextPcap() throws IOException {
        int hl = modifiedPcap ? 24 : 16;
        long at = offset;
        int got = readSome(head, hl);
        if (got == 0) {
            return null;
        }
        if (got < hl) {
            return stop("truncated record header at offset " + at + " (" + got + " of " + hl + " bytes)");
        }
        long sec = u32(head, 0) & 0xFFFFFFFFL;
        long frac = u32(head, 4) & 0xFFFFFFFFL;
        int caplen = u32(head, 8);
        int len = u32(head, 12);
        if (caplen < 0 || caplen > MAX_CAPTURE) {
            return stop("record at offset " + at + " claims " + Integer.toUnsignedString(caplen)
                    + " captured bytes, over the maximum of " + MAX_CAPTURE);
        }
        byte[] data = new byte[caplen];
        int n = readSome(data, caplen);
        if (n < caplen) {
            return stop("truncated record at offset " + at + ": " + n + " of " + caplen + " bytes");
        }
        if (snaplen > 0 && caplen > snaplen) {
            // libpcap keeps only the snap length the file declares of a longer record (sf-pcap.c)
            data = java.util.Arrays.copyOf(data, snaplen);
        }
        long nanos = sec * 1_000_000_000L + (nanoPrecision ? frac : frac * 1000L);
        return new CapturedFrame(nanos, linkType, len < 0 ? Integer.MAX_VALUE : len, data);
    }

    // ---- pcapng ----

    private void readFirstSectionHeader() throws IOException {
        byte[] body = readBlockBody(true);
        if (body == null) {
            throw CaptureException.badFile(name + ": " + (problem == null ? "empty pcapng file" : problem));
        }
        problem = null;
    }

    /**
     * Reads one block and returns its body (without type and lengths), or {@code null} at the end or on
     * damage. Section headers set the byte order and forget the interfaces of the previous section.
     */
    private byte[] readBlockBody(boolean expectSectionHeader) throws IOException {
        long at = offset;
        int got = readSome(head, 8);
        if (got == 0) {
            return null;
        }
        if (got < 8) {
            stop("truncated block header at offset " + at);
            return null;
        }
        int type = be32(head, 0) == PCAPNG_SHB ? PCAPNG_SHB : u32(head, 0); // SHB's type is a palindrome
        if (type == PCAPNG_SHB) {
            // The byte-order magic follows the length; peek it to know how to read the length.
            if (!fill(4)) {
                stop("truncated section header at offset " + at);
                return null;
            }
            int bom = be32(buf, pos);
            if (bom == BYTE_ORDER_MAGIC) {
                bigEndian = true;
            } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                bigEndian = false;
            } else {
                stop("section header at offset " + at + " has a bad byte-order magic");
                return null;
            }
            interfaces.clear();
        } else if (expectSectionHeader) {
            stop("pcapng file does not start with a section header");
            return null;
        }
        int total = u32(head, 4);
        if (total < 12 || (total & 3) != 0 || total > MAX_BLOCK) {
            stop("block at offset " + at + " has a bad length " + Integer.toUnsignedString(total));
            return null;
        }
        if (type == PCAPNG_SHB && total < 28) {
            stop("section header at offset " + at + " is too short (" + total + " bytes)");
            return null;
        }
        byte[] body = new byte[total - 12];
        if (readSome(body, body.length) < body.length || readSome(head, 4) < 4) {
            stop("truncated block at offset " + at + " (" + total + " bytes declared)");
            return null;
        }
        if (u32(head, 0) != total) {
            stop("block at offset " + at + ": trailing length " + Integer.toUnsignedString(u32(head, 0))
                    + " differs from " + total);
            return null;
        }
        lastBlockType = type;
        lastBlockOffset = at;
        return body;
    }

    private int lastBlockType;
    private long lastBlockOffset;

    private CapturedFrame nextPcapng() throws IOException {
        while (true) {
            byte[] b = readBlockBody(false);
            if (b == null) {
                return null;
            }
            long at = lastBlockOffset;
            switch (lastBlockType) {
                case PCAPNG_SHB -> {
                    // new section: byte order and interfaces were reset by readBlockBody
                }
                case 1 -> { // interface description
                    if (b.length < 8) {
                        return stop("interface description at offset " + at + " too short");
                    }
                    addInterface(b);
                }
                case 6 -> { // enhanced packet
                    if (b.length < 20) {
                        return stop("enhanced packet block at offset " + at + " too short");
                    }
                    return packetBlock(u32(b, 0) & 0xFFFFFFFFL, b, at);
                }
                case 3 -> { // simple packet
                    if (b.length < 4 || interfaces.isEmpty()) {
                        return stop("simple packet block at offset " + at + " without interface or length");
                    }
                    Interface itf = interfaces.get(0);
                    int len = u32(b, 0);
                    int caplen = (int) Math.min(Math.min(len & 0xFFFFFFFFL, b.length - 4L),
                            itf.snaplen() == 0 ? Integer.MAX_VALUE : itf.snaplen() & 0xFFFFFFFFL);
                    if (caplen > MAX_CAPTURE) {
                        caplen = MAX_CAPTURE;
                    }
                    return new CapturedFrame(0, itf.linkType(), len < 0 ? Integer.MAX_VALUE : len,
                            java.util.Arrays.copyOfRange(b, 4, 4 + caplen));
                }
                case 2 -> { // obsolete packet block
                    if (b.length < 20) {
                        return stop("packet block at offset " + at + " too short");
                    }
                    return packetBlock(u16(b, 0), b, at);
                }
                default -> {
                    // name resolution, statistics, custom and unknown blocks carry no frames
                }
            }
        }
    }

    /**
     * The common tail of an enhanced (6) and an obsolete (2) packet block, whose bodies differ only in how wide
     * the interface id is: timestamp high and low, captured length, original length, then the data at 20.
     */
    private CapturedFrame packetBlock(long ifId, byte[] b, long at) {
        if (ifId >= interfaces.size()) {
            return stop("packet at offset " + at + " names interface " + ifId + " of " + interfaces.size());
        }
        long ts = ((u32(b, 4) & 0xFFFFFFFFL) << 32) | (u32(b, 8) & 0xFFFFFFFFL);
        int caplen = u32(b, 12);
        int len = u32(b, 16);
        if (caplen < 0 || caplen > b.length - 20 || caplen > MAX_CAPTURE) {
            return stop("packet at offset " + at + " claims " + Integer.toUnsignedString(caplen)
                    + " captured bytes in a block of " + (b.length + 12));
        }
        return frame(interfaces.get((int) ifId), ts, len, b, 20, caplen);
    }

    private CapturedFrame frame(Interface itf, long ts, int len, byte[] b, int from, int caplen) {
        byte[] data = java.util.Arrays.copyOfRange(b, from, from + caplen);
        return new CapturedFrame(toNanos(ts, itf.unitsPerSecond()) + itf.offsetSeconds() * 1_000_000_000L,
                itf.linkType(), len < 0 ? Integer.MAX_VALUE : len, data);
    }

    private void addInterface(byte[] b) {
        LinkType lt = LinkType.valueOf(u16(b, 0));
        int snap = u32(b, 4);
        long units = 1_000_000L;
        long tsOffset = 0;
        int p = 8;
        while (p + 4 <= b.length) {
            int code = u16(b, p);
            int olen = u16(b, p + 2);
            if (code == 0 || p + 4 + olen > b.length) {
                break;
            }
            if (code == 9 && olen >= 1) {
                int r = b[p + 4] & 0xFF;
                if ((r & 0x80) != 0) {
                    int shift = r & 0x7F;
                    units = shift > 62 ? Long.MAX_VALUE : 1L << shift;
                } else {
                    units = r > 18 ? Long.MAX_VALUE : pow10(r);
                }
                if (units > 1_000_000L) {
                    nanoPrecision = true;
                }
            } else if (code == 14 && olen >= 8) {
                // a 64-bit integer in the section's byte order
                long first = u32(b, p + 4) & 0xFFFFFFFFL;
                long second = u32(b, p + 8) & 0xFFFFFFFFL;
                tsOffset = bigEndian ? (first << 32) | second : (second << 32) | first;
            }
            p += 4 + ((olen + 3) & ~3);
        }
        if (units <= 0) {
            units = 1_000_000L;
        }
        if (interfaces.isEmpty() && linkType == null) {
            linkType = lt;
            snaplen = snap;
        }
        interfaces.add(new Interface(lt, snap, units, tsOffset));
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    /** Converts {@code ts} units (unsigned) at {@code units} per second into nanoseconds. */
    static long toNanos(long ts, long units) {
        if (units == 1_000_000L) {
            return ts * 1000L;
        }
        if (units == 1_000_000_000L) {
            return ts;
        }
        long sec = Long.divideUnsigned(ts, units);
        long rem = Long.remainderUnsigned(ts, units);
        long frac = (long) ((double) rem * 1e9 / (double) units);
        return sec * 1_000_000_000L + frac;
    }

    // ---- buffered input ----

    /** Makes at least {@code n} bytes available in buf from pos; false at end of input. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
                return false;
            }
            limit += r;
        }
        return true;
    }

    private boolean read(byte[] dst, int n) throws IOException {
        return readSome(dst, n) == n;
    }

    /** Reads up to {@code n} bytes into dst; returns how many (fewer only at the end of input). */
    private int readSome(byte[] dst, int n) throws IOException {
        int done = 0;
        while (done < n) {
            if (pos == limit && !fill(1)) {
                break;
            }
            int k = Math.min(n - done, limit - pos);
            System.arraycopy(buf, pos, dst, done, k);
            pos += k;
            offset += k;
            done += k;
        }
        return done;
    }

    private int u32(byte[] b, int i) {
        return bigEndian ? be32(b, i) : Integer.reverseBytes(be32(b, i));
    }

    private int u16(byte[] b, int i) {
        return bigEndian ? ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF) : ((b[i + 1] & 0xFF) << 8) | (b[i] & 0xFF);
    }

    private static int be32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
