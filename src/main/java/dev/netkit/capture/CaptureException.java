package dev.netkit.capture;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;

/** A capture source or file that cannot be used: unreadable file, bad format, unknown interface, pcap error. */
public final class CaptureException extends NetkitException {
    private static final long serialVersionUID = 1L;

    public CaptureException(int exitCode, String message) {
        super(exitCode, message);
    }

    public CaptureException(int exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
    }

    /** A damaged or foreign input file (exit 2). */
    public static CaptureException badFile(String message) {
        return new CaptureException(ExitCode.USAGE, message);
    }
}
