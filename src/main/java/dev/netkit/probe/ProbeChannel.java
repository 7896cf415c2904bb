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

    /**
     * How probes of {@code method} travel, for --json's {@code "path"}: {@code "raw"} (raw sockets, privileged),
     * {@code "helper-raw"} (raw sockets netkit-helper opened), {@code "helper-injection"} (capture and send through
     * netkit-helper), {@code "udp-recverr"} (a UDP socket and its error queue), {@code "icmp-datagram"} (an ICMP datagram socket,
     * net.ipv4.ping_group_range), {@code "tcp-connect"} (connect()), {@code "injection"} (the capture layer); null
     * when the channel does not say (test fakes).
     */
    default String path(ProbeMethod method) {
        return null;
    }

    /** The current time on the channel's clock, epoch nanoseconds. */
    long now();

    @Override
    void close();
}
