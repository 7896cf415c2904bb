package dev.netkit.nc;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Relays stdin to a connected TCP socket and the socket to stdout, byte for byte, on two virtual threads. */
final class TcpRelay {
    private final SocketChannel channel;
    private final InputChunks in;
    private final OutputStream out;
    private final NcOptions options;
    private final RelayState state;

    TcpRelay(SocketChannel channel, InputChunks in, OutputStream out, NcOptions options, boolean listener) {
        this.channel = channel;
        this.in = in;
        this.out = out;
        this.options = options;
        this.state = new RelayState(listener, Transport.TCP, options);
    }

    /** Runs until the relay ends; returns the state for its counters and error. */
    RelayState run() throws InterruptedException {
        return state.run(channel, this::up, this::down);
    }

    private void up() {
        state.pumpUp(in, options.crlf(), () -> {
            if (options.shutdownOnEof()) {
                channel.shutdownOutput();
            }
        }, chunk -> {
            ByteBuffer b = ByteBuffer.wrap(chunk);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        });
    }

    private void down() {
        state.pumpDown(out, options.maxBytes(), (b, left) -> {
            // A stream can stop at the limit exactly, so never read past it.
            if (left < b.capacity()) {
                b.limit((int) left);
            }
            return channel.read(b);
        });
    }
}
