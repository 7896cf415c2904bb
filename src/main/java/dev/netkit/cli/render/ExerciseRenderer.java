package dev.netkit.cli.render;

import dev.netkit.lab.course.Exercise;
import dev.netkit.lab.course.Finding;
import dev.netkit.lab.course.Report;

import java.io.PrintWriter;
import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;

/** Renders {@code lab exercise}: the list, one exercise's task and steps, and a check's report, as text or NDJSON. */
public final class ExerciseRenderer {
    private static final int WIDTH = 100;

    private ExerciseRenderer() {
    }

    private static int width(List<String> column, String heading) {
        return Math.max(heading.length(), column.stream().mapToInt(String::length).max().orElse(0));
    }

    public static void printList(PrintWriter out, List<Exercise> all, boolean json) {
        // the columns as wide as their longest entry, so a long name never runs into its title
        String row = "%3s  %-" + width(all.stream().map(Exercise::id).toList(), "NAME") + "s  %-"
                + width(all.stream().map(Exercise::title).toList(), "TITLE") + "s  %s%n";
        if (!json) {
            out.printf(row, "N", "NAME", "TITLE", "FROM");
        }
        for (int i = 0; i < all.size(); i++) {
            Exercise e = all.get(i);
            if (json) {
                new JsonLines(out).begin("exercise").field("number", i + 1).field("id", e.id())
                        .field("title", e.title()).field("sources", e.sources()).end();
            } else {
                out.printf(row, i + 1, e.id(), e.title(), e.sources());
            }
        }
        if (!json) {
            out.println("show one with: netkit lab exercise show N");
        }
    }

    public static void printShow(PrintWriter out, int number, Exercise e, String lab, String dir, boolean json) {
        List<String> steps = e.steps(lab, dir);
        String check = "sudo netkit lab exercise check " + number + (lab.isEmpty() ? "" : " --name " + lab)
                + " --dir " + dir;
        if (json) {
            new JsonLines(out).begin("exercise").field("number", number).field("id", e.id()).field("title", e.title())
                    .field("sources", e.sources()).field("task", e.task()).stringArray("steps", steps)
                    .field("check", check).end();
            return;
        }
        out.printf("Exercise %d: %s (%s; course exercises %s)%n%n", number, e.title(), e.id(), e.sources());
        wrap(out, e.task(), "");
        out.printf("%nSteps (a lab that is up: sudo netkit lab up%s):%n", lab.isEmpty() ? "" : " --name " + lab);
        for (int i = 0; i < steps.size(); i++) {
            out.printf("%3d. %s%n", i + 1, steps.get(i));
        }
        out.printf("%nThen check your work: %s%n", check);
    }

    public static void printReport(PrintWriter out, Report r, boolean json) {
        long right = r.findings().stream().filter(Finding::right).count();
        long missing = r.findings().size() - right;
        if (json) {
            JsonLines j = new JsonLines(out);
            for (Finding f : r.findings()) {
                j.begin("finding").field("exercise", r.number()).field("result", f.right() ? "right" : "missing")
                        .field("text", f.text()).end();
            }
            j.begin("check").field("exercise", r.number()).field("id", r.exercise().id()).field("passed", r.passed())
                    .field("right", right).field("missing", missing).optional("hint", r.hint())
                    .optional("answer", r.answer()).end();
            return;
        }
        out.printf("exercise %d (%s): %s%n", r.number(), r.exercise().title(), r.passed() ? "passed" : "not passed yet");
        for (Finding f : r.findings()) {
            out.printf("  %-8s %s%n", f.right() ? "right" : "missing", f.text());
        }
        if (r.hint() != null) {
            wrap(out, "hint: " + r.hint(), "      ");
        }
        if (r.answer() != null) {
            wrap(out, "answer: " + r.answer(), "        ");
        } else if (!r.passed()) {
            out.println("(the answer: add --answer)");
        }
    }

    /** Prints {@code text} in lines of at most {@link #WIDTH} columns, the later ones after {@code indent}. */
    private static void wrap(PrintWriter out, String text, String indent) {
        BreakIterator words = BreakIterator.getLineInstance(Locale.ROOT);
        words.setText(text);
        StringBuilder line = new StringBuilder();
        for (int start = words.first(), end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
            String word = text.substring(start, end);
            if (line.length() + word.stripTrailing().length() > WIDTH && !line.isEmpty()) {
                out.println(line.toString().stripTrailing());
                line.setLength(0);
                line.append(indent);
            }
            line.append(word);
        }
        if (!line.toString().isBlank()) {
            out.println(line.toString().stripTrailing());
        }
    }
}
