package dev.netkit.probe;

import java.io.IOException;

/**
 * The engines' only view of the network: send a probe, receive replies to our own probes until a deadline.
 * {@link KernelProbeChannel} uses sockets; tests script a fake. Replies to other processes' probes never come out.
 */
public interface ProbeChannel extends AutoCloseable {
    /** Sends one probe now and says when it left. */
    Sent send(Probe probe) throws IOException;

    /**
     * The next reply that arrives before {@code deadlineNanos} (epoch nanoseconds), or null at the deadline; with a
     * deadline in the past, only what has already arrived.
     */
    Reply receive(long deadlineNanos) throws IOException;

    /**
     * Opens now what probes to {@code destination} by {@code method} will need (sockets, captures), so that the
     * first probe's send time holds no set-up. Optional: channels that open lazily in {@link #send} still work.
     */
    default void prepare(java.net.InetAddress destination, ProbeMethod method) throws IOException {
    }

    /** Probes will follow as fast as replies come (ping -f): a channel may switch to its fastest, costlier-to-set-up calls. */
    default void expectFlood() {
    }

    /** The current time on the channel's clock, epoch nanoseconds. */
    long now();

    @Override
    void close();
}
