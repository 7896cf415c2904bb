package dev.netkit.nc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The shared state of one relay's two pumps and the rule for when it ends (netcat's readwrite loop): a client
 * ends at EOF on both stdin and the socket, a listener at EOF on the socket; -q ends it some time after EOF on
 * stdin, -w after an idle time, --max-bytes when enough came in, any socket error at once.
 */
final class RelayState {
    private final boolean endsAtPeerEof;
    private final boolean stream;
    private final long quitNanos;
    private final long idleNanos;
    private boolean stdinEof;
    private boolean netEof;
    private boolean done;
    private String error;
    private long stdinEofAt;
    private long lastActivity = System.nanoTime();
    private boolean idleArmed;
    long sent;
    long received;

    RelayState(boolean listener, Transport transport, NcOptions o) {
        this.endsAtPeerEof = listener;
        this.stream = transport == Transport.TCP;
        this.quitNanos = nanos(o.quitAfterEof());
        this.idleNanos = nanos(o.timeout());
        // A UDP listener has no connection yet: its idle time starts with the first datagram.
        this.idleArmed = stream || !listener;
    }

    /**
     * Runs the two pumps on virtual threads until the relay ends, then closes {@code channel} (which wakes a
     * pump blocked on it) and waits for both; returns this state for its counters and error.
     */
    RelayState run(Channel channel, Runnable up, Runnable down) throws InterruptedException {
        Thread upThread = Thread.ofVirtual().name("nc-up").start(up);
        Thread downThread = Thread.ofVirtual().name("nc-down").start(down);
        try {
            awaitEnd();
        } finally {
            upThread.interrupt();
            try {
                channel.close();
            } catch (IOException e) {
                // Closing is best effort; the relay is over either way.
            }
            downThread.join();
            upThread.join();
        }
        return this;
    }

    private static long nanos(Duration d) {
        return d == null ? -1 : d.toNanos();
    }

    synchronized void sent(int n) {
        sent += n;
        lastActivity = System.nanoTime();
    }

    synchronized void received(int n) {
        received += n;
        lastActivity = System.nanoTime();
        if (!idleArmed) {
            idleArmed = true;
            notifyAll();
        }
    }

    /**
     * Writes {@code n} received bytes to stdout and counts them; false when stdout is gone (a closed pipe),
     * in which case the relay has been ended since nothing more can be delivered.
     */
    boolean deliver(OutputStream out, byte[] data, int n) {
        try {
            out.write(data, 0, n);
            out.flush();
        } catch (IOException e) {
            finish();
            return false;
        }
        received(n);
        return true;
    }

    /** Puts one stdin chunk (CRLF already applied) on the network. */
    interface ChunkSender {
        void send(byte[] chunk) throws IOException, InterruptedException;
    }

    /** What a side does when stdin ends before the relay does (TCP's half-close under -N). */
    interface AtStdinEof {
        void run() throws IOException;
    }

    /** Reads from the network into {@code b} (cleared), at most {@code left} bytes where the transport can
     * stop short; returns the bytes read, or -1 at the peer's end of stream. */
    interface NetReader {
        int read(ByteBuffer b, long left) throws IOException;
    }

    /** The stdin-to-network side of either transport: chunk by chunk until stdin ends or the relay does. */
    void pumpUp(InputChunks in, boolean crlf, AtStdinEof atEof, ChunkSender sender) {
        try {
            while (true) {
                byte[] chunk = in.take();
                if (chunk.length == 0) {
                    atEof.run();
                    stdinEof();
                    return;
                }
                if (crlf) {
                    chunk = InputChunks.crlf(chunk);
                }
                sender.send(chunk);
                sent(chunk.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedChannelException e) {
            // The relay ended while this side was writing.
        } catch (PortUnreachableException e) {
            // UDP only: an ICMP port unreachable answered an earlier datagram.
            fail("Connection refused");
        } catch (IOException e) {
            fail(e.getMessage());
        }
    }

    /**
     * The network-to-stdout side of either transport, until the peer's end, stdout's, or -n/--max-bytes
     * ({@code maxBytes} 0 = no limit). A datagram longer than what is left is cut to what is left.
     */
    void pumpDown(OutputStream out, long maxBytes, NetReader reader) {
        ByteBuffer b = ByteBuffer.allocate(65536);
        long left = maxBytes > 0 ? maxBytes : Long.MAX_VALUE;
        try {
            while (left > 0) {
                b.clear();
                int n = reader.read(b, left);
                if (n < 0) {
                    netEof();
                    return;
                }
                int keep = (int) Math.min(n, left);
                if (!deliver(out, b.array(), keep)) {
                    return;
                }
                left -= keep;
            }
            finish();
        } catch (ClosedChannelException e) {
            // The relay ended while this side was reading.
        } catch (PortUnreachableException e) {
            fail("Connection refused");
        } catch (IOException e) {
            fail(e.getMessage());
        }
    }

    synchronized void stdinEof() {
        stdinEof = true;
        stdinEofAt = System.nanoTime();
        notifyAll();
    }

    synchronized void netEof() {
        netEof = true;
        notifyAll();
    }

    /** Ends the relay now (limit reached, output gone). */
    synchronized void finish() {
        done = true;
        notifyAll();
    }

    /** Ends the relay now because of a socket error (exit 1). */
    synchronized void fail(String message) {
        if (error == null) {
            error = message;
        }
        done = true;
        notifyAll();
    }

    synchronized String error() {
        return error;
    }

    /** Blocks until the relay should end; never spins: it sleeps until a pump signals or a timer is due. */
    synchronized void awaitEnd() throws InterruptedException {
        while (true) {
            if (done) {
                return;
            }
            if (stream && netEof && (endsAtPeerEof || stdinEof)) {
                return;
            }
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            if (stdinEof && quitNanos >= 0) {
                long left = stdinEofAt + quitNanos - now;
                if (left <= 0) {
                    return;
                }
                wait = left;
            }
            if (idleNanos >= 0 && idleArmed) {
                long left = lastActivity + idleNanos - now;
                if (left <= 0) {
                    return;
                }
                wait = Math.min(wait, left);
            }
            if (wait == Long.MAX_VALUE) {
                wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            }
        }
    }
}
