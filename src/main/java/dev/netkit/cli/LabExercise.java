package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.cli.render.ExerciseRenderer;
import dev.netkit.lab.LabPackages;
import dev.netkit.lab.course.Course;
import dev.netkit.lab.course.HostCommands;
import dev.netkit.lab.course.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit lab exercise}: guided exercises that check themselves (docs/lab.md, "Exercises"). */
@Command(name = "exercise", mixinStandardHelpOptions = true,
        description = {"Guided exercises in the lab that check your work.",
                "'list' names them, 'show N' states exercise N and the files to save, 'check N' checks them"
                        + " against the running lab (exit 0 passed, 1 not yet)."},
        subcommands = {LabExercise.ListExercises.class, LabExercise.Show.class, LabExercise.Check.class},
        footer = {"", "Examples:", "  netkit lab exercise list", "  netkit lab exercise show 1",
                "  sudo netkit lab exercise check 1 --dir ~/ex1"})
final class LabExercise implements Callable<Integer> {
    /** How long a check waits for one netkit command inside a lab host. */
    private static final long HOST_TIMEOUT_SECONDS = 30;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the exercises.")
    static final class ListExercises implements Callable<Integer> {
        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ExerciseRenderer.printList(out, Course.all(), output.json);
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "State exercise N: the task, the steps and the files to save.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "N", description = "The exercise's number ('lab exercise list').")
        int number;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
                description = "Where you save the exercise's files; default the current directory.")
        String dir;

        @Mixin
        LabNameMixin lab;

        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ExerciseRenderer.printShow(out, number, Course.number(number), lab.checked(), dir,
                    output.json);
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check exercise N against the running lab and your files (root).",
                    "Says what is right, what is missing and a hint; exit 0 when passed, 1 when not yet."})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "N", description = "The exercise's number ('lab exercise list').")
        int number;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
                description = "Where you saved the exercise's files; default the current directory.")
        Path dir;

        @Option(names = "--answer", description = "Also print the answer.")
        boolean answer;

        @Mixin
        LabNameMixin lab;

        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Course.number(number);
            if (!Files.isDirectory(dir)) {
                throw NetkitException.usage("--dir " + dir + " is not a directory");
            }
            String checked = lab.checked();
            Lab.namespaceOf(checked, "client");
            Report r = Course.check(number, checked, dir, inHost(checked, spec.commandLine().getErr()), answer);
            PrintWriter out = spec.commandLine().getOut();
            ExerciseRenderer.printReport(out, r, output.json);
            out.flush();
            return r.passed() ? ExitCode.OK : ExitCode.NEGATIVE;
        }
    }

    /** Runs this netkit inside a lab host (as 'lab exec HOST -- netkit ...' does), keeping its stdout. */
    static HostCommands inHost(String lab, PrintWriter err) {
        return (host, args) -> {
            List<String> cmd = new ArrayList<>(List.of(LabPackages.binary("ip"), "netns", "exec",
                    Lab.namespaceOf(lab, host)));
            cmd.addAll(Lab.NetkitJvm.command());
            cmd.addAll(args);
            StringWriter out = new StringWriter();
            StringWriter errors = new StringWriter();
            int code = Lab.runAttached(cmd, new PrintWriter(out), new PrintWriter(errors), HOST_TIMEOUT_SECONDS);
            if (code == -1) {
                throw new NetkitException(1, "'netkit " + String.join(" ", args) + "' in " + host
                        + " did not finish in " + HOST_TIMEOUT_SECONDS + " s");
            }
            return out.toString().lines().toList();
        };
    }
}
