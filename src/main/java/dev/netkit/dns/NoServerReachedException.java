package dev.netkit.dns;

import dev.netkit.NetkitException;

import java.util.List;

/** No server answered a query (exit 9, as BIND dig). {@link #failures()} says what happened to each try. */
public final class NoServerReachedException extends NetkitException {
    private static final long serialVersionUID = 1L;
    /** dig's exit status when no server could be reached. */
    public static final int EXIT = 9;
    private final transient List<String> failures;
    private final boolean allTimedOut;
    private final int droppedResponses;

    public NoServerReachedException(List<String> failures, boolean allTimedOut, int droppedResponses) {
        super(EXIT, allTimedOut ? "connection timed out; no servers could be reached" : "no servers could be reached");
        this.failures = List.copyOf(failures);
        this.allTimedOut = allTimedOut;
        this.droppedResponses = droppedResponses;
    }

    /** One line per failed try, as dig prints them: {@code communications error to 198.18.10.53#53: timed out}. */
    public List<String> failures() {
        return failures;
    }

    /** Datagrams that arrived but did not match the query (forged or stray). */
    public int droppedResponses() {
        return droppedResponses;
    }

    public boolean allTimedOut() {
        return allTimedOut;
    }
}
