package dev.netkit.dns;

import dev.netkit.NetkitException;
import org.xbill.DNS.Name;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lookups of one dig run (its command line and its batch file) in input order: each plain UDP one handed to a
 * {@link DnsBatch} (its exchange's future), each other one run on a virtual thread of its own, each that failed
 * before it was asked kept with its failure; then each one's text written in input order as soon as it and all
 * before it are done.
 *
 * @param <R> the command's lookup (its parsed request)
 */
public final class LookupBatch<R> {
    /** How many lookups of a batch file are in flight at once (Unbound serves 32 per thread by default). */
    public static final int CONCURRENCY = 32;

    /** The text (or JSON) of one lookup and its exit code. */
    public record Outcome(String text, int exit) {
    }

    /** A plain UDP query {@link DnsBatch} can take: one name, to the servers, nothing netkit adds. */
    public record Query(Name name, int type, int dclass, List<InetSocketAddress> servers, QueryOptions options) {
    }

    /** What the command does with its lookups: which go to the batch, how the others run, how each is shown. */
    public interface Lookups<R> {
        /** The batch's query for a lookup, or null when it runs on a thread of its own. */
        Query batchQuery(R lookup);

        /** A lookup that is not the batch's, done: its text and exit code. */
        Outcome run(R lookup);

        /** A batch lookup once its server answered. */
        Outcome answered(R lookup, DnsExchange x);

        /** A batch lookup that no server answered. */
        Outcome unanswered(R lookup, List<InetSocketAddress> servers, NoServerReachedException e);
    }

    private final Lookups<R> lookups;
    /** Plain UDP lookups go here; null when the queries do not go through the kernel (a scripted channel). */
    private final DnsBatch batch;
    private final List<R> requests = new ArrayList<>();
    private final List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    private final List<CompletableFuture<DnsExchange>> exchanges = new ArrayList<>();
    private final List<Query> queries = new ArrayList<>();
    private final List<Integer> threaded = new ArrayList<>();
    /** How many lookups {@link #run} has shown, for a progress line read from another thread. */
    private volatile int shown;

    /** @param batch the batch for plain UDP lookups (opened or not yet started), or null to run all on threads */
    public LookupBatch(Lookups<R> lookups, DnsBatch batch) {
        this.lookups = lookups;
        this.batch = batch;
    }

    /** Adds a lookup: a plain UDP one goes to the batch at once. */
    public void add(R r) {
        CompletableFuture<DnsExchange> x = null;
        CompletableFuture<Outcome> o = null;
        Query q = null;
        try {
            q = batch == null ? null : lookups.batchQuery(r);
            if (q != null) {
                x = batch.add(q.name(), q.type(), q.dclass(), q.servers(), q.options());
            }
        } catch (RuntimeException e) {
            o = CompletableFuture.failedFuture(e);
        }
        if (x == null && o == null) {
            o = new CompletableFuture<>();
            threaded.add(outcomes.size());
        }
        requests.add(r);
        outcomes.add(o);
        exchanges.add(x);
        queries.add(q);
    }

    /** The lookups added so far. */
    public int size() {
        return requests.size();
    }

    /** The lookups {@link #run} has shown so far (in input order: each after all before it). */
    public int shown() {
        return shown;
    }

    /** No more lookups (a batch opened before they were added). */
    public void seal() {
        if (batch != null) {
            batch.seal();
        }
    }

    /** Starts the batch (not opened before) when any lookup went to it. */
    public void start() {
        if (batch != null && exchanges.stream().anyMatch(java.util.Objects::nonNull)) {
            batch.start();
        }
    }

    /** Stops the batch: harmless once it is done. */
    public void close() {
        if (batch != null) {
            batch.close();
        }
    }

    /**
     * Runs the lookups {@link #CONCURRENCY} at a time and prints each one's text in input order as soon as it and
     * all before it are done; the output is flushed only when the next one is not ready yet (a flush per lookup
     * costs a write per lookup). Plain UDP lookups go to the one {@link DnsBatch} thread and are shown from this
     * one, so the two cores share the work; the others (+trace, +tcp, TLS, TSIG, --validate, +search) run on
     * virtual threads of their own.
     *
     * @param raw the process's stdout as bytes when {@code out} writes to it, else null
     * @param firstWait run once when the first lookup is not done yet (start-up work to do meanwhile), or null
     * @return the highest exit code of the lookups
     */
    public int run(PrintWriter out, OutputStream raw, Runnable firstWait) {
        int n = requests.size();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < Math.min(CONCURRENCY, threaded.size()); w++) {
            Thread.ofVirtual().name("dig-" + w).start(() -> {
                for (int k = next.getAndIncrement(); k < threaded.size(); k = next.getAndIncrement()) {
                    int i = threaded.get(k);
                    try {
                        outcomes.get(i).complete(lookups.run(requests.get(i)));
                    } catch (RuntimeException | Error e) {
                        outcomes.get(i).completeExceptionally(e);
                    }
                }
            });
        }
        int exit = 0;
        BatchOutput printed = new BatchOutput(out, raw);
        try {
            for (int i = 0; i < n; i++) {
                CompletableFuture<?> f = exchanges.get(i) != null ? exchanges.get(i) : outcomes.get(i);
                if (!f.isDone()) {
                    printed.flush();
                    if (i == 0 && firstWait != null) {
                        firstWait.run();
                    }
                }
                Outcome o;
                try {
                    o = exchanges.get(i) == null ? outcomes.get(i).get() : shown(i);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NetkitException(1, "interrupted");
                }
                printed.print(o.text());
                shown = i + 1;
                exit = Math.max(exit, o.exit());
            }
        } finally {
            next.set(threaded.size()); // on an error, the workers stop after their current lookup
            close(); // and the batch's thread asks no more
            printed.flush();
        }
        return exit;
    }

    /** The text (or JSON) of a batch lookup once its exchange is done. */
    private Outcome shown(int i) throws ExecutionException, InterruptedException {
        R r = requests.get(i);
        Query q = queries.get(i);
        try {
            return lookups.answered(r, exchanges.get(i).get(backstopMillis(q), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            // a backstop: every try of the batch has a deadline, so this is a bug, not a slow server
            throw new IllegalStateException("the batch lookup of " + q.name() + " did not finish in time");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof NoServerReachedException nsr)) {
                throw e;
            }
            return lookups.unanswered(r, q.servers(), nsr);
        }
    }

    /**
     * How long to wait for a batch lookup once all before it are done (it is then in flight): all its tries
     * over UDP, then as many over TCP after a truncated answer, twice over, and a margin.
     */
    static long backstopMillis(Query q) {
        long tries = Math.max(1, q.options().tries()) + q.servers().size();
        return q.options().timeout().toMillis() * tries * 4 + 10_000;
    }

    /**
     * Where a batch prints: the process's stdout as bytes when there is it (half a megabyte of text for a
     * thousand lookups goes through no character encoder), else {@code out}. Write errors are swallowed, as
     * {@link PrintWriter} does.
     */
    private static final class BatchOutput {
        private final PrintWriter out;
        private final OutputStream bytes;
        private boolean failed;

        BatchOutput(PrintWriter out, OutputStream raw) {
            this.out = out;
            if (raw != null) {
                out.flush();
            }
            this.bytes = raw == null ? null : new java.io.BufferedOutputStream(raw, 1 << 16);
        }

        void print(String text) {
            if (bytes == null) {
                out.print(text);
                return;
            }
            try {
                if (!failed) {
                    bytes.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                failed = true;
            }
        }

        void flush() {
            if (bytes == null) {
                out.flush();
                return;
            }
            try {
                if (!failed) {
                    bytes.flush();
                }
            } catch (IOException e) {
                failed = true;
            }
        }
    }
}
