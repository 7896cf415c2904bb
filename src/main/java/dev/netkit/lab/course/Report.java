package dev.netkit.lab.course;

import java.util.List;

/**
 * The result of checking an exercise: what is right, what is missing, a hint towards the first missing thing,
 * and the answer only when it was asked for.
 */
public record Report(int number, Exercise exercise, List<Finding> findings, String hint, String answer) {
    /** Passed when something was checked and nothing is missing. */
    public boolean passed() {
        return !findings.isEmpty() && findings.stream().allMatch(Finding::right);
    }
}
