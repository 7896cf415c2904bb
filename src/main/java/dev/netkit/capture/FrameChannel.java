package dev.netkit.capture;

import dev.netkit.packet.LinkType;

/**
 * The one interface engines use to reach the wire: frames in (with timestamp and link type) and frames out.
 * Implementations: {@link LiveCapture} (libpcap through pcap4j), {@link PcapFileReader} (files; send is not
 * supported) and, in tests, a scripted fake.
 *
 * <p>{@link #receive(long)} keeps its deadline: it returns {@code null} at the deadline at the latest, also
 * when the wire is quiet.
 *
 * <p>Threads: one receiver, any number of senders, close from any thread. At most one thread receives at a
 * time; {@link #send(byte[])} may be called from other threads while it does (e.g. a probe sender beside a
 * reply reader) and from several at once; {@link #close()} may be called from any thread (a signal handler)
 * and makes a waiting {@code receive} return {@code null} soon; a send after close throws.
 */
public interface FrameChannel extends AutoCloseable {

    /** The link type of the frames this channel delivers (files may mix types; each CapturedFrame says its own). */
    LinkType linkType();

    /**
     * The next frame, waiting until {@code deadlineNanos} (a {@link System#nanoTime()} value) at most;
     * {@code null} when none came by the deadline, the source ended (see {@link #ended()}) or the channel was closed.
     * A frame already queued is returned even after the deadline (so {@code receive(System.nanoTime())} polls):
     * a caller looping until a deadline must check the clock itself.
     */
    CapturedFrame receive(long deadlineNanos);

    /** The next frame, waiting {@code timeoutMillis} at most; {@code null} when none came in time. */
    default CapturedFrame receiveWithin(long timeoutMillis) {
        return receive(System.nanoTime() + timeoutMillis * 1_000_000L);
    }

    /** True once the source has no more frames (end of file, channel closed): waiting longer is pointless. */
    boolean ended();

    /** Sends one whole frame, link header included; throws when it cannot (with its own error, closed). */
    void send(byte[] frame);

    /**
     * Queues a copy of {@code frame} to go out with others in one system call at the next {@link #flush()} (or
     * sooner, when the queue is full); throws as {@link #send} when the frames queued before it cannot go, and
     * then {@code frame} is not queued. A frame queued goes after every frame queued before it. Queue and flush
     * from one thread. This default sends at once.
     */
    default void queue(byte[] frame) {
        send(frame);
    }

    /**
     * Sends the queued frames; throws as {@link #send} when one cannot go, and those not sent stay queued, in
     * order, for the next flush. This default has nothing queued.
     */
    default void flush() {
    }

    /** The counts so far. */
    CaptureStats stats();

    /** Releases the source; a receive waiting in another thread returns {@code null} soon after. */
    @Override
    void close();
}
