package dev.netkit.lab;

import java.util.List;

/** What the lab engine reports while it works; the command line prints these on stderr. */
public sealed interface LabEvent {
    /** Packages are being installed with apt-get. */
    record Installing(List<String> packages) implements LabEvent {
    }

    /** One step of the install, as apt-get reports it: {@code Unpacking nsd (45%)}. */
    record InstallStep(String step) implements LabEvent {
    }

    /** A running lab of the same name is being removed before it is rebuilt. */
    record Rebuilding(String name) implements LabEvent {
    }

    /** One phase of up or down finished, after {@code millis} since the start. */
    record Phase(String phase, long millis) implements LabEvent {
    }
}
