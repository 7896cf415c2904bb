package dev.netkit;

/**
 * A failure that ends a command with a meaningful exit code and one line for the user.
 * Engines throw it; the command line prints {@code netkit CMD: message} and exits with {@link #exitCode()}.
 */
public class NetkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public NetkitException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public NetkitException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A bad argument or input (exit 2); the message says what to fix. */
    public static NetkitException usage(String message) {
        return new NetkitException(ExitCode.USAGE, message);
    }

    /** A missing privilege (exit 4) with no unprivileged way round it: the message names sudo. */
    public static NetkitException privilege(String what) {
        return privilege(what, null);
    }

    /**
     * A missing privilege (exit 4): the message names sudo and, when not null, {@code alternative}, what works
     * without privilege. (The group netkit joins it when its privileged helper exists: issue 18, part 2.) Never
     * capabilities on the java binary: they would hold for every Java program on the machine.
     */
    public static NetkitException privilege(String what, String alternative) {
        return new NetkitException(ExitCode.PRIVILEGE, what + " needs root: run it with sudo"
                + (alternative == null ? "" : "; " + alternative));
    }

    /** A missing system component (exit 5); the message names the Debian package to install. */
    public static NetkitException missing(String component, String debianPackage) {
        return new NetkitException(ExitCode.MISSING_COMPONENT, component
                + " is not installed: install it with 'sudo apt-get install " + debianPackage + "'");
    }
}
