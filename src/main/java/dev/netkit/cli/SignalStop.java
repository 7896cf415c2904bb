package dev.netkit.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

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
        SignalHandler h = sig -> stop.run();
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
