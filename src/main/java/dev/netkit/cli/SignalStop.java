package dev.netkit.cli;

import dev.netkit.system.Libc;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Ctrl-C (SIGINT) and SIGTERM end a capture cleanly: the handler only asks the engine to stop, and the
 * capture loop then closes its files and prints its counts, so no captured packet is lost. The previous
 * handlers come back afterwards (tests run many commands in one JVM).
 */
final class SignalStop {
    private SignalStop() {
    }

    /** Installs handlers that call {@code stop}; returns what {@link #restore} needs. */
    static Object install(Runnable stop) {
        return install(sig -> stop.run());
    }

    /**
     * Installs handlers that pass SIGINT and SIGTERM on to {@code child} (lab exec's command), its descendants, and
     * its process group when it leads one, instead of ending netkit and leaving the command running; netkit then
     * ends as the command does. A SIGINT while we are the terminal's foreground group is not passed on: Ctrl-C
     * reached the child, which shares our group, already. Returns what {@link #restore} needs.
     */
    static Object forward(Process child) {
        return install(sig -> send(child, sig));
    }

    private static void send(Process child, Signal sig) {
        int n = sig.getNumber();
        List<ProcessHandle> targets = new ArrayList<>();
        targets.add(child.toHandle());
        child.descendants().forEach(targets::add); // read before the child ends: its orphans leave this tree
        if (!Libc.loaded()) {
            targets.forEach(ProcessHandle::destroy); // SIGTERM, the one signal ProcessHandle sends
            return;
        }
        int group = Libc.getpgid(0);
        if (sig.getName().equals("INT") && group > 0 && Libc.tcgetpgrp(0) == group) {
            return;
        }
        for (ProcessHandle p : targets) {
            int pid = (int) p.pid();
            Libc.kill(pid, n);
            int own = Libc.getpgid(pid);
            if (own == pid && own != group) {
                Libc.kill(-own, n);
            }
        }
    }

    /** Installs {@code h} for SIGINT and SIGTERM; returns the handlers it replaced. */
    private static Object install(SignalHandler h) {
        SignalHandler[] previous = new SignalHandler[2];
        try {
            previous[0] = Signal.handle(new Signal("INT"), h);
            previous[1] = Signal.handle(new Signal("TERM"), h);
        } catch (IllegalArgumentException e) {
            // a JVM started with -Xrs or a signal already used by the VM: fall back to the default handling
        }
        return previous;
    }

    static void restore(Object token) {
        if (token instanceof SignalHandler[] previous) {
            try {
                if (previous[0] != null) {
                    Signal.handle(new Signal("INT"), previous[0]);
                }
                if (previous[1] != null) {
                    Signal.handle(new Signal("TERM"), previous[1]);
                }
            } catch (IllegalArgumentException e) {
                // nothing to restore
            }
        }
    }
}
