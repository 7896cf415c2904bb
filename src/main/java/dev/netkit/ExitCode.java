package dev.netkit;

/** The exit codes every netkit subcommand uses (see docs/conventions.md). */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The network said no: no reply, NXDOMAIN, nothing found. */
    public static final int NEGATIVE = 1;
    /** Usage or input error: a bad argument, option or input file. */
    public static final int USAGE = 2;
    /** Partial result: some of the work succeeded. */
    public static final int PARTIAL = 3;
    /** Missing privilege: the message names sudo and the unprivileged alternative if any. */
    public static final int PRIVILEGE = 4;
    /** Missing system component: libpcap, a lab package. */
    public static final int MISSING_COMPONENT = 5;

    private ExitCode() {
    }
}
