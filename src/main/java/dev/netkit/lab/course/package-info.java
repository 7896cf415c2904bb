/**
 * The lab as a course: guided exercises ({@code netkit lab exercise}) that state a task in the learner's words,
 * name the output files to save, and check the result from the lab's state (read by netkit's own engines, run in
 * the lab's hosts) and those files (NDJSON read with jackson-core, pcaps decoded with netkit's codecs).
 * {@link dev.netkit.lab.course.Course} lists them; one class per exercise, one {@link
 * dev.netkit.lab.course.FaultExercise} entry per named fault.
 */
package dev.netkit.lab.course;
