package dev.netkit.lab.course;

import java.util.List;

/**
 * One guided exercise: the task in the learner's words, the steps (commands to run, with the files to save),
 * the check, and the answer shown only on request. Steps may use {@code {lab}} (the {@code sudo netkit lab exec}
 * prefix, with the lab's name), {@code {name}} (the lab's {@code --name} option, or nothing) and {@code {dir}}
 * (where the learner saves the files).
 */
public abstract class Exercise {
    private final String id;
    private final String title;
    private final String sources;
    private final String task;
    private final List<String> steps;
    private final String answer;

    /**
     * @param id      a short name ("arp-cache")
     * @param sources the exercises of ../shared/exercises.md it is made of ("001-33, 001-35")
     */
    protected Exercise(String id, String title, String sources, String task, List<String> steps, String answer) {
        this.id = id;
        this.title = title;
        this.sources = sources;
        this.task = task;
        this.steps = steps;
        this.answer = answer;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String sources() {
        return sources;
    }

    public String task() {
        return task;
    }

    /** The steps with the lab's exec prefix and the directory filled in. */
    public List<String> steps(String lab, String dir) {
        String name = lab.isEmpty() ? "" : " --name " + lab;
        return steps.stream().map(s -> s.replace("{lab}", "sudo netkit lab exec" + name).replace("{name}", name)
                .replace("{dir}", dir)).toList();
    }

    public String answer() {
        return answer;
    }

    /** Checks the learner's work, adding what is right and what is missing to {@code a}. */
    public abstract void check(Attempt a);
}
