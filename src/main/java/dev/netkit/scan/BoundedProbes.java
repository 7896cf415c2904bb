package dev.netkit.scan;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/** Runs one blocking probe per (target, port) on virtual threads, at most {@code parallel} at a time. */
final class BoundedProbes {
    /** One blocking probe of one port; null when the scan was stopped first. */
    interface Probe {
        PortResult probe(InetAddress target, int port);
    }

    private BoundedProbes() {
    }

    /**
     * Every verdict, in a table; a stopped {@code control} leaves the probes not yet started unknown, and a host
     * past the host timeout is skipped.
     */
    static PortTable run(int parallel, List<? extends InetAddress> targets, List<Integer> ports, String proto,
                         Probe probe, ScanControl control) {
        PortTable table = new PortTable(targets, ports, proto);
        int n = table.size();
        control.addTotal(n);
        HostTimeout hostTimeout = new HostTimeout(control.hostTimeoutNanos(), targets.size());
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n && !control.stopped(); i++) {
                int idx = i;
                int h = table.hostOf(idx);
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                long now = System.nanoTime();
                synchronized (table) {
                    if (hostTimeout.expired(table, h, now) || table.skipped(h) || control.stopped()) {
                        slots.release();
                        continue;
                    }
                }
                ex.submit(() -> {
                    try {
                        if (control.stopped()) {
                            return;
                        }
                        PortResult r = probe.probe(table.host(h), table.port(idx));
                        if (r == null) {
                            return; // stopped before a verdict
                        }
                        synchronized (table) {
                            if (table.set(idx, r.state(), r.reason(), r.rttMs())) {
                                control.settled(1);
                            }
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return table;
    }
}
