package dev.netkit.lab.course;

/** One thing a check found: right, or still missing (not done, or not as asked). */
public record Finding(boolean right, String text) {
}
