package dev.netkit.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port whose connects stay pending: a listener (on every IPv4 address, so 127.0.0.x all reach it)
 * that never accepts, its accept queue filled until one more connect times out. Linux then drops further SYNs,
 * so a connect() to it neither succeeds nor is refused until it times out.
 */
final class PendingPort implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    PendingPort() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"));
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 300);
                fillers.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return; // the queue is full: this connect pended
            }
        }
        close();
        throw new IllegalStateException("the accept queue of port " + port() + " never filled");
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        listener.close();
    }
}
