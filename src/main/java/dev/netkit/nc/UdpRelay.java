package dev.netkit.nc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;

/**
 * Relays stdin to UDP datagrams and datagrams to stdout. A client's channel is connected to its peer; a
 * listener's is not, and it answers whoever sent the last datagram (reporting each new peer).
 */
final class UdpRelay {
    /** The most stdin bytes put in one datagram: fits the IPv6 minimum MTU (1280) so it is never fragmented. */
    static final int MAX_DATAGRAM = 1232;
    private final DatagramChannel channel;
    private final InputChunks in;
    private final OutputStream out;
    private final NcOptions options;
    private final boolean listener;
    private final Consumer<NcEvent> events;
    private final RelayState state;
    private SocketAddress peer;

    UdpRelay(DatagramChannel channel, InputChunks in, OutputStream out, NcOptions options, boolean listener,
             Consumer<NcEvent> events) {
        this.channel = channel;
        this.in = in;
        this.out = out;
        this.options = options;
        this.listener = listener;
        this.events = events;
        this.state = new RelayState(listener, Transport.UDP, options);
        if (!listener) {
            peer = channel.socket().getRemoteSocketAddress();
        }
    }

    RelayState run() throws InterruptedException {
        return state.run(channel, this::up, this::down);
    }

    private synchronized SocketAddress awaitPeer() throws InterruptedException {
        while (peer == null) {
            wait();
        }
        return peer;
    }

    private synchronized boolean newPeer(SocketAddress from) {
        if (from.equals(peer)) {
            return false;
        }
        peer = from;
        notifyAll();
        return true;
    }

    private void up() {
        try {
            while (true) {
                byte[] chunk = in.take();
                if (chunk.length == 0) {
                    state.stdinEof();
                    return;
                }
                if (options.crlf()) {
                    chunk = InputChunks.crlf(chunk);
                }
                SocketAddress to = awaitPeer();
                for (int off = 0; off < chunk.length; off += MAX_DATAGRAM) {
                    ByteBuffer b = ByteBuffer.wrap(chunk, off, Math.min(MAX_DATAGRAM, chunk.length - off));
                    if (listener) {
                        channel.send(b, to);
                    } else {
                        channel.write(b);
                    }
                }
                state.sent(chunk.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedChannelException e) {
            // The relay ended while this side was sending.
        } catch (PortUnreachableException e) {
            state.fail("Connection refused");
        } catch (IOException e) {
            state.fail(e.getMessage());
        }
    }

    private void down() {
        ByteBuffer b = ByteBuffer.allocate(65536);
        long left = options.maxBytes() > 0 ? options.maxBytes() : Long.MAX_VALUE;
        try {
            while (left > 0) {
                b.clear();
                int n;
                if (listener) {
                    SocketAddress from = channel.receive(b);
                    if (newPeer(from)) {
                        events.accept(new NcEvent.Accepted((InetSocketAddress) from, Transport.UDP));
                    }
                    n = b.position();
                } else {
                    n = channel.read(b);
                }
                int keep = (int) Math.min(n, left);
                if (!state.deliver(out, b.array(), keep)) {
                    return;
                }
                left -= keep;
            }
            state.finish();
        } catch (ClosedChannelException e) {
            // The relay ended while this side was receiving.
        } catch (PortUnreachableException e) {
            state.fail("Connection refused");
        } catch (IOException e) {
            state.fail(e.getMessage());
        }
    }
}
