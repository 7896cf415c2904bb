package dev.netkit.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

import dev.netkit.system.Libc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Many plain UDP queries (dig -f) from one thread and one poll(2), a bounded number in flight: a thread blocked
 * per query costs more CPU than the lab's answers take to come back. Each try is {@link DnsClient#query}'s UDP
 * try: a fresh random id and source port on a plain descriptor ({@link QuerySocket}: a closed port at the server
 * reported, what others send to the port dropped and counted), a datagram with the wrong id or question dropped and
 * counted, then the next try, then the next server. A truncated answer is asked again of the same server over TCP
 * ({@link DnsClient#tcpFallback}) on a thread of its own.
 * <p>
 * Add every query, then {@link #start()}; or {@link #open()} first, add queries while the first ones are in flight
 * (a caller still reading its batch file), then {@link #seal()}. The futures complete with the exchange or a
 * {@link NoServerReachedException}.
 */
public final class DnsBatch {
    /** An eventfd increment of 1 (a native-order 64-bit count). */
    private static final byte[] ONE = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder())
            .putLong(1).array();

    private final int inFlight;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    /** Queries added while the batch runs, for its thread to take. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Job> incoming = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** No query is added any more: the thread ends once the last one is done. */
    private volatile boolean sealed;
    /** The thread waits in poll with room for more queries: an added one wakes it. */
    private volatile boolean hungry;
    /** The thread has ended (done, closed or failed): nothing it would take is taken any more. */
    private volatile boolean ended;
    private final List<Job> active = new ArrayList<>();
    private final byte[] buf = new byte[65535];
    /** poll's struct pollfd array (see {@link Libc#poll}): the wake-up eventfd, then each active try's socket. */
    private int[] polled = new int[2];
    /** The eventfd that wakes the thread from poll, -1 until the thread made it and again once it closed it. */
    private int wake = -1;
    private final Object wakeLock = new Object();
    private volatile boolean closed;

    public DnsBatch(int inFlight) {
        this.inFlight = Math.max(1, inFlight);
    }

    /**
     * Initializes dnsjava's Record class (its DecimalFormat: locale data, some 20 ms interpreted) on the caller's
     * thread, while the batch's thread initializes Header (its SecureRandom): the first query needs both.
     */
    public static void initRecords() {
        try {
            Class.forName("org.xbill.DNS.Record", true, DnsBatch.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e); // dnsjava is on the class path, or nothing here works
        }
    }

    /**
     * Queues a query (before {@link #seal()}, from one thread at a time); its future completes on the batch's
     * thread.
     */
    public CompletableFuture<DnsExchange> add(Name name, int type, int dclass, List<InetSocketAddress> servers,
                                              QueryOptions o) {
        if (sealed) {
            throw new IllegalStateException("the batch is sealed");
        }
        Job j = new Job(name, type, dclass, List.copyOf(servers), o);
        incoming.add(j);
        if (ended) {
            for (Job k; (k = incoming.poll()) != null; ) {
                k.result.completeExceptionally(new java.util.concurrent.CancellationException("the batch has ended"));
            }
        } else if (hungry) {
            hungry = false;
            wakeUp();
        }
        return j.result;
    }

    /** Runs the queued queries on a daemon thread of their own, which ends when the last one is done. */
    public void start() {
        open();
        seal();
    }

    /**
     * Starts the batch's thread, which sends queries as they are added (the first ones while the caller is
     * still adding the others) and ends once {@link #seal()} was called and the last one is done.
     */
    public void open() {
        Thread.ofPlatform().daemon().name("dns-batch").start(this::run);
    }

    /** No more queries will be added. */
    public void seal() {
        sealed = true;
        wakeUp();
    }

    /**
     * Stops the batch (its caller gave up, e.g. on an error): no new try starts, the tries in flight are closed and
     * every query not done fails. Harmless when the batch is done or never started.
     */
    public void close() {
        closed = true;
        wakeUp();
    }

    /** Wakes the thread from poll (nothing before it made its eventfd: it looks at the flags before it polls). */
    private void wakeUp() {
        synchronized (wakeLock) { // the thread closes the eventfd only under the lock: never a write to a reused fd
            if (wake >= 0) {
                Libc.write(wake, ONE, ONE.length);
            }
        }
    }

    private void run() {
        Throwable failure = null;
        try {
            Libc.ensureLoaded();
            int fd = Libc.eventfd(Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
            if (fd < 0) {
                throw new IOException("eventfd: " + Libc.error(fd));
            }
            synchronized (wakeLock) {
                wake = fd;
            }
            // dnsjava's Header makes a SecureRandom when first used (about 40 ms of interpreted start-up): here,
            // while the caller still reads its batch, not when the first query waits for it
            Class.forName("org.xbill.DNS.Header", true, DnsBatch.class.getClassLoader());
            while (!closed) {
                boolean last = sealed; // read before taking: what was added before sealing is taken below
                for (Job j; (j = incoming.poll()) != null; ) {
                    queue.add(j);
                }
                if (last && queue.isEmpty() && active.isEmpty()) {
                    break;
                }
                while (active.size() < inFlight && !queue.isEmpty()) {
                    Job j = queue.poll();
                    active.add(j); // before its first try: whatever happens, the catch below fails it
                    if (!j.nextTry()) {
                        active.remove(active.size() - 1);
                    }
                }
                long now = System.nanoTime();
                long first = Long.MAX_VALUE;
                for (Job j : active) {
                    first = Math.min(first, j.deadline);
                }
                if (!last && active.size() < inFlight) {
                    hungry = true;
                    if (!incoming.isEmpty()) {
                        hungry = false;
                        continue; // added meanwhile: no wake-up was sent for it
                    }
                }
                if (active.isEmpty() && last) {
                    continue;
                }
                // until an answer, a deadline (none: until a query is added, the batch sealed or closed)
                poll(active.isEmpty() ? -1 : (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, (first - now + 999_999) / 1_000_000)));
                hungry = false;
                now = System.nanoTime();
                for (Job j : active) {
                    if (j.socket != null && now - j.deadline >= 0) {
                        j.failed(null);
                    }
                }
                active.removeIf(j -> j.result.isDone() || j.socket == null);
            }
            if (closed) {
                failure = new java.util.concurrent.CancellationException("the batch was closed");
            }
        } catch (IOException | ClassNotFoundException | RuntimeException | Error e) {
            failure = e;
        } finally {
            ended = true; // before the last look at incoming: add() fails what it adds after this itself
            if (failure != null) {
                failAll(failure);
            }
            synchronized (wakeLock) {
                if (wake >= 0) {
                    Libc.close(wake);
                    wake = -1;
                }
            }
        }
    }

    /** One poll over the wake-up eventfd and the active tries' sockets; then reads what became readable. */
    private void poll(int timeoutMillis) throws IOException {
        int n = active.size() + 1;
        if (polled.length < 2 * n) {
            polled = new int[2 * n];
        }
        polled[0] = wake;
        polled[1] = Libc.POLLIN;
        for (int i = 1; i < n; i++) {
            polled[2 * i] = active.get(i - 1).socket.fd();
            polled[2 * i + 1] = Libc.POLLIN;
        }
        int r = Libc.poll(polled, n, timeoutMillis);
        if (r == -Libc.EINTR) {
            return;
        }
        if (r < 0) {
            throw new IOException("poll: " + Libc.error(r));
        }
        if (r == 0) {
            return;
        }
        if ((polled[1] >>> 16) != 0) {
            Libc.read(wake, buf, 8); // resets the count
        }
        for (int i = 1; i < n; i++) {
            if ((polled[2 * i + 1] >>> 16) != 0) { // POLLIN, or POLLERR for a refused port: the read says which
                active.get(i - 1).readable();
            }
        }
    }

    private void failAll(Throwable e) {
        for (Job j; (j = incoming.poll()) != null; ) {
            queue.add(j);
        }
        for (Job j : active) {
            j.closeTry();
            j.result.completeExceptionally(e);
        }
        for (Job j : queue) {
            j.result.completeExceptionally(e);
        }
        active.clear();
        queue.clear();
    }

    /** One query: its tries over the servers in turn, and the current try's socket. */
    private final class Job {
        final Name name;
        final int type;
        final int dclass;
        final List<InetSocketAddress> servers;
        final QueryOptions o;
        final CompletableFuture<DnsExchange> result = new CompletableFuture<>();
        final List<String> failures = new ArrayList<>();
        final List<InetSocketAddress> plan;
        int tryNumber;
        boolean allTimedOut = true;
        int dropped;
        // the current try
        Message query;
        QuerySocket socket;
        long deadline;
        long t0;
        Instant when;

        Job(Name name, int type, int dclass, List<InetSocketAddress> servers, QueryOptions o) {
            this.name = name;
            this.type = type;
            this.dclass = dclass;
            this.servers = servers;
            this.o = o;
            this.plan = DnsClient.schedule(servers, o.tries(), false);
        }

        /** The server of the current try, in BIND dig's order over UDP ({@link DnsClient#schedule}). */
        InetSocketAddress server() {
            return plan.get(tryNumber);
        }

        /** Starts the next try; false when there is none left (the future is then completed). */
        boolean nextTry() {
            while (tryNumber < plan.size()) {
                InetSocketAddress server = server();
                try {
                    query = DnsClient.newQuery(name, type, dclass, o);
                    when = Instant.now();
                    t0 = System.nanoTime();
                    deadline = t0 + o.timeout().toNanos();
                    byte[] wire = query.toWire(Message.MAXLENGTH);
                    InetSocketAddress local = o.source() == null ? null : new InetSocketAddress(o.source(), 0);
                    socket = QuerySocket.open(local, server);
                    socket.send(wire);
                    return true;
                } catch (IOException | RuntimeException e) {
                    // a RuntimeException too (a family the socket cannot reach, a query dnsjava cannot build):
                    // it fails this try, never the batch, and the job is never lost
                    record(e);
                }
            }
            result.completeExceptionally(new NoServerReachedException(failures, allTimedOut, dropped));
            return false;
        }

        /** This try failed (null: timed out): say so as dig does, then the next try. */
        void failed(Exception e) {
            if (result.isDone()) {
                return;
            }
            record(e);
            nextTry();
        }

        private void record(Exception e) {
            InetSocketAddress server = server();
            closeTry();
            boolean timedOut = e == null || DnsClient.isTimeout(e);
            allTimedOut &= timedOut;
            failures.add(DnsClient.communicationsError(server, e == null ? "timed out" : DnsClient.reason(e, timedOut)));
            tryNumber++;
        }

        /** Reads what the try's socket has: the answer, or forgeries to drop and count. */
        void readable() {
            try {
                while (socket != null) {
                    int n = socket.receive(buf); // an empty datagram (0) is not our answer: dropped and counted
                    if (n == QuerySocket.NONE) {
                        return;
                    }
                    if (n == QuerySocket.FOREIGN) {
                        dropped++;
                        continue;
                    }
                    byte[] in = java.util.Arrays.copyOf(buf, n);
                    if (GuardedUdpClient.matches(query, in)) {
                        answered(in);
                        return;
                    }
                    dropped++;
                }
            } catch (IOException | RuntimeException e) {
                // hostile bytes fail this job's try, not the batch
                failed(e);
            }
        }

        private void answered(byte[] in) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            InetSocketAddress server = server();
            closeTry();
            Message response;
            try {
                response = new Message(in);
            } catch (IOException | RuntimeException e) {
                failed(e);
                return;
            }
            if (response.getHeader().getFlag(Flags.TC) && !o.ignoreTruncation()) {
                // rare: this server is asked the same query again over TCP (blocking), as dig does
                Message asked = query;
                List<String> failedSoFar = List.copyOf(failures);
                int droppedSoFar = dropped;
                Thread.ofVirtual().start(() -> {
                    try {
                        result.complete(new DnsClient().tcpFallback(asked, server, o, failedSoFar, droppedSoFar));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
                return;
            }
            result.complete(new DnsExchange(query, response, server, "UDP", ms, response.numBytes(), when, false,
                    dropped, List.copyOf(failures)));
        }

        void closeTry() {
            if (socket != null) {
                dropped += socket.drainForeign(buf);
                socket.close();
                socket = null;
            }
        }
    }
}
