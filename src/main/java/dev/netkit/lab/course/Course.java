package dev.netkit.lab.course;

import dev.netkit.NetkitException;
import dev.netkit.lab.LabState;
import dev.netkit.lab.LabStatus;
import dev.netkit.lab.Topologies;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The guided exercises of {@code netkit lab exercise}, numbered from 1 in teaching order: the course candidates of
 * ../shared/exercises.md, then one per named fault of the lab ({@link FaultExercise#ALL}).
 */
public final class Course {
    private static final List<Exercise> ALL = build();

    private Course() {
    }

    private static List<Exercise> build() {
        List<Exercise> all = new ArrayList<>(List.of(new ArpCacheExercise(), new SilentHostExercise(),
                new UdpDatagramExercise(), new FragmentsExercise(), new PathOwnersExercise(),
                new PortStatesExercise(), new DnsByHandExercise(), new LoopbackListenerExercise()));
        all.addAll(FaultExercise.available());
        return List.copyOf(all);
    }

    /** Every exercise; exercise N is {@code all().get(N - 1)}. */
    public static List<Exercise> all() {
        return ALL;
    }

    /** Exercise {@code n}, or exit 2 saying which numbers there are. */
    public static Exercise number(int n) {
        if (n < 1 || n > ALL.size()) {
            throw NetkitException.usage("no exercise " + n + ": they are numbered 1 to " + ALL.size()
                    + " ('netkit lab exercise list')");
        }
        return ALL.get(n - 1);
    }

    /**
     * Checks exercise {@code n} in lab {@code lab} (which must be up, with the default topology) against the files
     * in {@code dir}; the answer is in the report only when {@code withAnswer}.
     */
    public static Report check(int n, String lab, Path dir, HostCommands hosts, boolean withAnswer) {
        Exercise e = number(n);
        LabStatus status = LabStatus.of(lab);
        String topology = LabState.read(lab).map(LabState::topology).orElse(status.topology());
        if (!topology.equals(Topologies.DEFAULT)) {
            throw NetkitException.usage("the exercises are made for the '" + Topologies.DEFAULT
                    + "' topology; this lab runs '" + topology + "'");
        }
        Attempt a = new Attempt(lab, dir, hosts);
        if (!status.healthy()) {
            a.missing("a lab host or daemon is down ('netkit lab status' says which)",
                    "rebuild the lab with 'sudo netkit lab up'");
        }
        e.check(a);
        return new Report(n, e, a.findings(), a.hint(), withAnswer ? e.answer() : null);
    }
}
