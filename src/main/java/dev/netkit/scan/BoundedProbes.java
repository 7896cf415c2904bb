package dev.netkit.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** Runs one blocking probe per (target, port) on virtual threads, at most {@code parallel} at a time. */
final class BoundedProbes {
    /** One blocking probe of one port. */
    interface Probe {
        PortResult probe(ScanTarget target, int port);
    }

    private BoundedProbes() {
    }

    /** Every result, host-major and ports ascending; each also goes to {@code sink} as it arrives. */
    static List<PortResult> run(int parallel, List<ScanTarget> targets, List<Integer> ports, Probe probe,
                                Consumer<PortResult> sink, String what) {
        Semaphore slots = new Semaphore(parallel);
        List<Future<PortResult>> futures = new ArrayList<>();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ScanTarget t : targets) {
                for (int port : ports) {
                    futures.add(ex.submit(() -> {
                        slots.acquire();
                        try {
                            PortResult r = probe.probe(t, port);
                            synchronized (sink) {
                                sink.accept(r);
                            }
                            return r;
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            List<PortResult> out = new ArrayList<>(futures.size());
            for (Future<PortResult> f : futures) {
                try {
                    out.add(f.get());
                } catch (Exception e) {
                    throw new IllegalStateException(what + ": " + e.getMessage(), e);
                }
            }
            return out;
        }
    }
}
