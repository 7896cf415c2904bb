package dev.netkit.lab.course;

import java.util.List;

/**
 * The seam through which a check reads a lab host's state: it runs {@code netkit ARGS --json} inside the host
 * (the command line provides the real one, which starts this same netkit in the host's namespace; unit tests
 * give a scripted one). So the neighbour table, sockets and routes are read by netkit's own engines, in the
 * namespace whose kernel holds them.
 */
@FunctionalInterface
public interface HostCommands {
    /** The NDJSON lines {@code netkit ARGS} prints in {@code host} of the lab (args include --json). */
    List<String> netkit(String host, List<String> args);
}
