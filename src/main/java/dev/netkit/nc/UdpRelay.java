package dev.netkit.nc;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
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
        state.pumpUp(in, options.crlf(), () -> { }, chunk -> {
            SocketAddress to = awaitPeer();
            for (int off = 0; off < chunk.length; off += MAX_DATAGRAM) {
                ByteBuffer b = ByteBuffer.wrap(chunk, off, Math.min(MAX_DATAGRAM, chunk.length - off));
                if (listener) {
                    channel.send(b, to);
                } else {
                    channel.write(b);
                }
            }
        });
    }

    private void down() {
        state.pumpDown(out, options.maxBytes(), (b, left) -> {
            if (!listener) {
                return channel.read(b);
            }
            SocketAddress from = channel.receive(b);
            if (newPeer(from)) {
                events.accept(new NcEvent.Accepted((InetSocketAddress) from, Transport.UDP));
            }
            return b.position();
        });
    }
}
