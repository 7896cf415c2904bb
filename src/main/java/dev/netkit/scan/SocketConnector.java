package dev.netkit.scan;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Non-blocking connects on one Selector (epoll), as nmap's -sT drives many sockets from one loop: no thread per
 * port. Sockets close with SO_LINGER 0 (an RST, no TIME_WAIT), as nmap does.
 */
public final class SocketConnector implements Connector {
    private final Selector selector;
    private final Map<Integer, SocketChannel> pending = new HashMap<>();

    public SocketConnector() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
        }
    }

    @Override
    public Outcome start(int id, InetAddress address, int port) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(address instanceof Inet4Address ? StandardProtocolFamily.INET
                    : StandardProtocolFamily.INET6);
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (ch.connect(new InetSocketAddress(address, port))) {
                ch.close();
                return Outcome.CONNECTED;
            }
            ch.register(selector, SelectionKey.OP_CONNECT, id);
            pending.put(id, ch);
            return null;
        } catch (IOException e) {
            closeQuietly(ch);
            return outcome(e);
        }
    }

    static Outcome outcome(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof NoRouteToHostException || m.contains("unreachable") || m.contains("No route")) {
            return Outcome.UNREACHABLE;
        }
        if (e instanceof ConnectException && m.contains("refused")) {
            return Outcome.REFUSED;
        }
        return Outcome.FAILED;
    }

    @Override
    public int poll(long deadlineNanos, int[] ids, Outcome[] outcomes) {
        long left = deadlineNanos - System.nanoTime();
        try {
            if (left >= 1_000_000) {
                selector.select(left / 1_000_000);
            } else {
                selector.selectNow();
            }
        } catch (IOException e) {
            throw new IllegalStateException("select failed: " + e.getMessage(), e);
        }
        int n = 0;
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext() && n < ids.length) {
            SelectionKey k = it.next();
            it.remove();
            int id = (Integer) k.attachment();
            SocketChannel ch = (SocketChannel) k.channel();
            Outcome o;
            try {
                o = ch.finishConnect() ? Outcome.CONNECTED : null;
            } catch (IOException e) {
                o = outcome(e);
            }
            if (o == null) {
                continue;
            }
            pending.remove(id);
            closeQuietly(ch);
            ids[n] = id;
            outcomes[n] = o;
            n++;
        }
        return n;
    }

    @Override
    public void cancel(int id) {
        closeQuietly(pending.remove(id));
    }

    @Override
    public void close() {
        pending.values().forEach(SocketConnector::closeQuietly);
        pending.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
