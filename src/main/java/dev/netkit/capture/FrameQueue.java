package dev.netkit.capture;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.system.Libc;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Frames queued for one interface and sent many at a time: copied into one native buffer and handed to the
 * kernel with a single sendmmsg(2) on a send-only AF_PACKET socket bound to the interface. A sweep at 100,000
 * frames a second spent most of its own CPU in one libpcap send (a JNA call and a system call) per frame.
 *
 * <p>The socket is bound with protocol 0, so it receives nothing (no copy of the wire's frames lands in it), and
 * the kernel reads each frame's protocol from its Ethernet header. Unlike libpcap's own sends, these frames are
 * seen by the interface's captures, the one of the {@link LiveCapture} they go with included, as outgoing frames.
 *
 * <p>Not thread-safe: the {@link LiveCapture} that owns it serialises queue, flush and close.
 */
final class FrameQueue implements AutoCloseable {
    /** Room for a full batch of probes, and for any one frame up to a 64 KiB packet. */
    private static final int CAPACITY = 128 * 1024;

    private final String device;
    private final int fd;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY);
    private final int[] lengths = new int[Libc.MAX_BATCH];
    /** Frames queued, and the first one not sent yet with where it starts in the buffer. */
    private int count;
    private int first;
    private int firstAt;
    private boolean closed;

    private FrameQueue(String device, int fd) {
        this.device = device;
        this.fd = fd;
    }

    /** A send-only packet socket on {@code device}; throws (exit 1) when the kernel refuses one. */
    static FrameQueue open(String device) {
        Libc.ensureLoaded();
        int index;
        try {
            NetworkInterface nif = NetworkInterface.getByName(device);
            if (nif == null) {
                throw NetkitException.usage("there is no interface '" + device + "' (netkit sniff -D lists them)");
            }
            index = nif.getIndex();
        } catch (SocketException e) {
            throw failure(device, "cannot read its index: " + e.getMessage());
        }
        int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure(device, "socket(AF_PACKET): " + Libc.error(fd));
        }
        // struct sockaddr_ll: family, protocol 0 (receive nothing), then the interface's index
        byte[] ll = new byte[20];
        ByteBuffer.wrap(ll).order(ByteOrder.nativeOrder()).putShort(0, (short) Libc.AF_PACKET).putInt(4, index);
        int r = Libc.bind(fd, ll, ll.length);
        if (r < 0) {
            Libc.close(fd);
            throw failure(device, "bind: " + Libc.error(r));
        }
        return new FrameQueue(device, fd);
    }

    private static NetkitException failure(String device, String why) {
        return new NetkitException(ExitCode.NEGATIVE, "cannot send on " + device + ": " + why);
    }

    /**
     * Adds a copy of {@code frame}, sending the queued ones first when it does not fit; when that send fails it
     * throws (as {@link #flush}) and {@code frame} is not queued.
     */
    void add(byte[] frame) {
        if (frame.length > CAPACITY) {
            throw failure(device, "a frame of " + frame.length + " bytes is larger than the send buffer");
        }
        if (count == lengths.length || buffer.position() + frame.length > CAPACITY) {
            flush();
        }
        buffer.put(frame);
        lengths[count++] = frame.length;
    }

    /**
     * Sends every queued frame, as many per system call as sendmmsg takes. When the kernel refuses one (ENOBUFS:
     * the interface's queue is full) it throws with the kernel's message; the frames not sent stay queued for the
     * next flush, in order.
     */
    void flush() {
        while (first < count) {
            int r = Libc.sendmmsg(fd, buffer, firstAt, lengths, first, count - first);
            if (r <= 0) {
                throw failure(device, r < 0 ? Libc.error(r) : "sendmmsg sent nothing");
            }
            for (int i = 0; i < r; i++) {
                firstAt += lengths[first++];
            }
        }
        count = 0;
        first = 0;
        firstAt = 0;
        buffer.clear();
    }

    /** Frames queued and not sent yet. */
    int queued() {
        return count - first;
    }

    /** Closes the socket; frames still queued are dropped. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
