package dev.netkit.nc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
        try {
            while (true) {
                byte[] chunk = in.take();
                if (chunk.length == 0) {
                    if (options.shutdownOnEof()) {
                        channel.shutdownOutput();
                    }
                    state.stdinEof();
                    return;
                }
                if (options.crlf()) {
                    chunk = InputChunks.crlf(chunk);
                }
                ByteBuffer b = ByteBuffer.wrap(chunk);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                state.sent(chunk.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedChannelException e) {
            // The relay ended while this side was writing.
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
                if (left < b.capacity()) {
                    b.limit((int) left);
                }
                int n = channel.read(b);
                if (n < 0) {
                    state.netEof();
                    return;
                }
                if (!state.deliver(out, b.array(), n)) {
                    return;
                }
                left -= n;
            }
            state.finish();
        } catch (ClosedChannelException e) {
            // The relay ended while this side was reading.
        } catch (IOException e) {
            state.fail(e.getMessage());
        }
    }
}
