package dev.netkit.scan;

import java.net.InetAddress;

/**
 * The wire under the connect scanner: starts non-blocking TCP connects and reports how each ends. The real one
 * is {@link SocketConnector} (SocketChannels on one Selector); unit tests script one.
 */
public interface Connector extends AutoCloseable {
    /** How one connect attempt ended. */
    enum Outcome { CONNECTED, REFUSED, UNREACHABLE, FAILED }

    /** Starts connect attempt {@code id}; the outcome when the kernel decided at once, else null (see poll). */
    Outcome start(int id, InetAddress address, int port);

    /**
     * Waits until {@code deadlineNanos} at most for attempts to end; writes their ids and outcomes and returns
     * how many ended (0 at the deadline).
     */
    int poll(long deadlineNanos, int[] ids, Outcome[] outcomes);

    /** Abandons attempt {@code id} (it timed out). */
    void cancel(int id);

    @Override
    void close();
}
