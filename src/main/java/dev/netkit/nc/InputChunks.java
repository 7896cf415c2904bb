package dev.netkit.nc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Stdin read by one daemon thread for the life of the process and handed out in chunks, so that with -k
 * each connection in turn takes what is typed next and no reader is left behind by a finished relay.
 */
final class InputChunks {
    private static final byte[] EOF = new byte[0];
    private static final int CHUNK = 16384;
    // A few chunks of read-ahead: enough to keep a socket busy, small enough to keep back-pressure.
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(4);
    private volatile boolean eof;

    InputChunks(InputStream in) {
        Thread t = new Thread(() -> pump(in), "nc-stdin");
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[CHUNK];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    queue.put(Arrays.copyOf(buf, n));
                }
            }
        } catch (IOException e) {
            // A read error on stdin ends it like EOF, as in netcat.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            queue.put(EOF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next chunk; an empty array at EOF and on every call after it. */
    byte[] take() throws InterruptedException {
        if (eof) {
            return EOF;
        }
        byte[] c = queue.take();
        if (c.length == 0) {
            eof = true;
        }
        return c;
    }

    /** Each LF becomes CRLF (-C), as netcat sends typed lines to line-oriented servers. */
    static byte[] crlf(byte[] chunk) {
        int lf = 0;
        for (byte b : chunk) {
            if (b == '\n') {
                lf++;
            }
        }
        if (lf == 0) {
            return chunk;
        }
        byte[] out = new byte[chunk.length + lf];
        int j = 0;
        for (byte b : chunk) {
            if (b == '\n') {
                out[j++] = '\r';
            }
            out[j++] = b;
        }
        return out;
    }
}
