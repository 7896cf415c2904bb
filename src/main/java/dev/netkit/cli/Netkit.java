package dev.netkit.cli;

import dev.netkit.TerminalText;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The root command. Subcommands are registered by name in {@link #SUBCOMMANDS}; only the one
 * being run is instantiated, so start-up does not pay for picocli's model of every subcommand.
 */
@Command(name = "netkit",
        mixinStandardHelpOptions = true,
        versionProvider = Netkit.Version.class,
        description = {"A network toolkit: ping, trace, dig, scan, sniff, a lab and more.",
                "It replaces ping, traceroute, dig, host, nslookup, arping, nmap, tcpdump, ipcalc, ss, ip",
                "and netcat, and brings a lab of network namespaces to practise on."},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Run 'netkit help COMMAND' for a command's options.",
                "Exit codes: 0 ok, 1 network said no, 2 usage error, 3 partial result,",
                "4 missing privilege, 5 missing system component."})
public final class Netkit implements Callable<Integer> {

    /**
     * The option types whose picocli converters are not registered: java.sql's and java.time's, as a regular
     * expression that picocli compiles once per converter and CommandLine (one without a group or an alternation
     * compiles in half the time, interpreted).
     */
    static final String PICOCLI_CONVERTERS_EXCLUDED = "java\\.[st].+";

    /** Every subcommand, in the order --help lists them. Add one line per subcommand. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    /**
     * The subcommands of a subcommand (arp's show, scan and ping, ...), in the order its --help lists them. They are
     * registered only when the command line names one of them, asks for help or does not parse: picocli models
     * every registered command at start, and arp's three cost {@code netkit arp} more than arp itself.
     */
    static final Map<String, Map<String, Supplier<Object>>> NESTED = new LinkedHashMap<>();

    static {
        // dnsjava and pcap4j log through slf4j (to nothing): naming its provider skips slf4j's ServiceLoader,
        // a scan of the jar's resources that costs start-up time; WARN keeps slf4j from announcing it on stderr
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
            System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
        }
        // picocli's default factory looks for Groovy's Closure class, a search of the jar (opening it, 2,400 entries)
        // that nothing else makes: the classes come from the start-up cache
        System.getProperties().putIfAbsent("picocli.disable.closures", "true");
        // each CommandLine (the root's and the subcommand's) registers picocli's converters for java.time and
        // java.sql by reflection, which initialises some 60 classes (java.time's formatters among them) that no
        // netkit option needs: no option has such a type (NetkitTest)
        System.getProperties().putIfAbsent("picocli.converters.excludes", PICOCLI_CONVERTERS_EXCLUDED);
        // picocli names its standard help options ${picocli.help.name.0:--h} and so on; a name not given as a system
        // property is looked up in the environment, whose first use reads all of it (ProcessEnvironment). These are
        // picocli's default names.
        System.getProperties().putIfAbsent("picocli.help.name.0", "-h");
        System.getProperties().putIfAbsent("picocli.help.name.1", "--help");
        System.getProperties().putIfAbsent("picocli.version.name.0", "-V");
        System.getProperties().putIfAbsent("picocli.version.name.1", "--version");
        // InetAddress's first use reads the security property jdk.includeInExceptions, which loads and parses the
        // JDK's whole java.security file (5-13 ms of a trace, a lookup's resolv.conf); a system property of that
        // name overrides it. The value is JDK 25's default; one given on the command line stays.
        System.getProperties().putIfAbsent("jdk.includeInExceptions", "hostInfoExclSocket");
        SUBCOMMANDS.put("ping", Ping::new);
        SUBCOMMANDS.put("trace", Trace::new);
        SUBCOMMANDS.put("sniff", Sniff::new);
        SUBCOMMANDS.put("subnet", Subnet::new);
        SUBCOMMANDS.put("sockets", Sockets::new);
        SUBCOMMANDS.put("ifaces", Ifaces::new);
        SUBCOMMANDS.put("route", Route::new);
        SUBCOMMANDS.put("completion", Completion::new);
        SUBCOMMANDS.put("lab", Lab::commandLine);
        SUBCOMMANDS.put("dig", Dig::new);
        SUBCOMMANDS.put("host", Host::new);
        SUBCOMMANDS.put("nslookup", Nslookup::new);
        SUBCOMMANDS.put("nc", Nc::new);
        SUBCOMMANDS.put("arp", Arp::new);
        SUBCOMMANDS.put("scan", Scan::new);
        SUBCOMMANDS.put("send", Send::new);
        SUBCOMMANDS.put("asn", Asn::new);
        SUBCOMMANDS.put("whois", Whois::new);
        SUBCOMMANDS.put("rdap", Rdap::new);
        SUBCOMMANDS.put("privileges", Privileges::new);
        nest("arp", "show", Arp.Show::new);
        nest("arp", "scan", Arp.Scan::new);
        nest("arp", "ping", Arp.PingCommand::new);
        nest("arp", "add", Arp.Add::new);
        nest("arp", "del", Arp.Del::new);
        nest("route", "get", Route.Get::new);
        nest("route", "path", Route.PathCommand::new);
        nest("scan", "merge", ScanMerge::new);
        nest("subnet", "split", Subnet.Split::new);
        nest("subnet", "merge", Subnet.Merge::new);
        nest("subnet", "range", Subnet.Range::new);
        nest("subnet", "contains", Subnet.Contains::new);
        nest("subnet", "eui64", Subnet.Eui64::new);
        nest("subnet", "help", CommandLine.HelpCommand::new);
    }

    private static void nest(String parent, String name, Supplier<Object> command) {
        NESTED.computeIfAbsent(parent, p -> new LinkedHashMap<>()).put(name, command);
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the Java stack trace of an error.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    /** The writer main() puts around the process's stdout (see {@link #processStdout}). */
    private static volatile PrintWriter processOut;

    /**
     * The process's stdout as a byte stream when {@code out} is the writer main() made for it, else null:
     * commands that print a lot (sniff -r) write bytes straight to it instead of through two conversions.
     */
    static java.io.OutputStream processStdout(PrintWriter out) {
        return out != null && out == processOut ? new java.io.FileOutputStream(java.io.FileDescriptor.out) : null;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        processOut = out;
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        if (code == ExitCode.OK && !otherThreadsKeepTheJvm()) {
            // no System.exit: it looks up the JDK's System.Logger to log the exit, which opens the jar (its classes
            // come from the start-up cache, so nothing else does) and loads some 25 classes, a visible cost here
            return;
        }
        System.exit(code);
    }

    /** Whether a thread other than this one would keep the JVM alive after main returns (a non-daemon one). */
    private static boolean otherThreadsKeepTheJvm() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (threads[i] != Thread.currentThread() && !threads[i].isDaemon() && threads[i].isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** Runs netkit with the given streams and returns the exit code; tests call this directly. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(false, args);
        cl.setOut(out);
        cl.setErr(err);
        if (nestedLeftOut(args)) {
            // help and errors (usage, "did you mean") name the nested subcommands: those runs start again with them
            Supplier<Integer> full = () -> {
                CommandLine all = commandLine(true, args);
                all.setOut(out);
                all.setErr(err);
                return all.execute(args);
            };
            cl.setParameterExceptionHandler((ex, a) -> full.get());
            cl.setExecutionStrategy(parsed -> helpRequested(parsed) ? full.get()
                    : new CommandLine.RunLast().execute(parsed));
        }
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Builds the command line with only the subcommand that {@code args} names, or all of them. */
    public static CommandLine commandLine(String... args) {
        return commandLine(true, args);
    }

    /**
     * The command line with only the subcommand that {@code args} names (with its nested subcommands when
     * {@code allNested} or when {@code args} names one of them), or all of them.
     */
    static CommandLine commandLine(boolean allNested, String... args) {
        CommandLine cl = new CommandLine(model(new Netkit()));
        String first = firstWord(args);
        if (first != null && SUBCOMMANDS.containsKey(first) && !first.equals("completion")) {
            // nor 'help': it is reached only as the first word; its model is a CommandLine of its own (annotations,
            // picocli's converters), which every other command paid for at start
            cl.addSubcommand(first, subcommand(first, allNested || !nestedLeftOut(args)));
            return configure(cl);
        } else if (versionOnly(args)) {
            // --version needs no subcommand; modelling all of them would cost it about 0.3 s.
            return configure(cl);
        } else {
            for (String name : SUBCOMMANDS.keySet()) {
                cl.addSubcommand(name, subcommand(name, true));
            }
        }
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        return configure(cl);
    }

    /** A new subcommand, with its nested subcommands or without. */
    private static Object subcommand(String name, boolean withNested) {
        Object command = model(SUBCOMMANDS.get(name).get());
        Map<String, Supplier<Object>> nested = NESTED.get(name);
        if (nested == null || !withNested) {
            return command;
        }
        // added to their parent before it joins the root, in the order picocli adds those of an annotation
        CommandLine cl = command instanceof CommandLine c ? c : new CommandLine(command);
        nested.forEach((n, s) -> cl.addSubcommand(n, model(s.get())));
        return cl;
    }

    /**
     * picocli's model of {@code command} from the code the build generated from its annotations
     * ({@code dev.netkit.build.CommandModels}), else {@code command} itself, which picocli then models from its
     * annotations. Both models are the same (CommandModelsTest); the generated one reads no annotation, which is
     * most of what picocli costs a call (docs/startup.md).
     */
    static Object model(Object command) {
        CommandLine.Model.CommandSpec spec = GENERATED == null || command instanceof CommandLine ? null
                : GENERATED.apply(command);
        return spec != null ? spec : command;
    }

    /** The generated models, or null in a build without them (an IDE's compile of the sources alone). */
    private static final Function<Object, CommandLine.Model.CommandSpec> GENERATED = generatedModels();

    @SuppressWarnings("unchecked")
    private static Function<Object, CommandLine.Model.CommandSpec> generatedModels() {
        if (Boolean.getBoolean("netkit.annotationModels")) {
            return null; // the build step that generates them reads the annotations (a stale model could not load)
        }
        try {
            return (Function<Object, CommandLine.Model.CommandSpec>) Class.forName(
                    "dev.netkit.cli.CommandModelsGenerated").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Whether {@code args} runs a subcommand that has nested ones and names none of them. */
    private static boolean nestedLeftOut(String... args) {
        Map<String, Supplier<Object>> nested = NESTED.get(firstWord(args));
        if (nested == null) {
            return false;
        }
        for (String a : args) {
            if (nested.containsKey(a)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a command of {@code parsed} asked for --help or --version. */
    private static boolean helpRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    private static CommandLine configure(CommandLine cl) {
        // "@198.18.10.53" is dig's server syntax, never a picocli argument file.
        cl.setExpandAtFiles(false);
        cl.setExecutionExceptionHandler(Netkit::handleExecutionException);
        cl.setParameterExceptionHandler(Netkit::handleParameterException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        inheritVersion(cl, cl.getCommandSpec().versionProvider());
        return cl;
    }

    /**
     * Every subcommand's -V/--version prints netkit's version, as {@code ping -V} and {@code dig -v} print theirs:
     * picocli gives a subcommand's standard version option only the subcommand's own version, which none declares.
     */
    private static void inheritVersion(CommandLine cl, CommandLine.IVersionProvider version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null) {
                sub.getCommandSpec().versionProvider(version);
            }
            inheritVersion(sub, version);
        }
    }

    /** Only -V/--version (and --debug): nothing else to parse. */
    private static boolean versionOnly(String... args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals("--version") || a.equals("-V")) {
                version = true;
            } else if (!a.equals("--debug")) {
                return false;
            }
        }
        return version;
    }

    /** The first argument that is not an option of the root command. */
    private static String firstWord(String... args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                continue;
            }
            return a.startsWith("-") ? null : a;
        }
        return null;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = parsed.matchedOption("--debug") != null
                || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--debug") != null)
                || hasDebug(parsed);
        return reportFailure(cl.getErr(), commandPath(cl), ex, debug);
    }

    /**
     * A command's exception as one line {@code netkit CMD: message} (the stack trace too with --debug) and its
     * exit code.
     */
    static int reportFailure(PrintWriter err, String commandPath, Exception ex, boolean debug) {
        int code;
        String message;
        if (ex instanceof NetkitException nk) {
            code = nk.exitCode();
            message = nk.getMessage();
        } else if (ex instanceof CommandLine.ParameterException pe) {
            code = ExitCode.USAGE;
            message = pe.getMessage();
        } else {
            code = 70; // EX_SOFTWARE: a bug in netkit
            message = "internal error: " + ex + " (run again with --debug for the stack trace)";
        }
        err.println(commandPath + ": " + TerminalText.escape(message));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean hasDebug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.matchedOption("--debug") != null) {
                return true;
            }
        }
        return false;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String unknown = unknownCommand(ex);
        if (unknown != null) {
            String near = closest(unknown, cl.getSubcommands().keySet());
            err.println(commandPath(cl) + ": no such command '" + TerminalText.escape(unknown) + "'"
                    + (near == null ? "" : ": did you mean '" + near + "'?")
                    + " (see 'netkit help" + (cl.getParent() == null ? "" : " " + cl.getCommandName()) + "')");
            err.flush();
            return ExitCode.USAGE;
        }
        err.println(commandPath(cl) + ": " + TerminalText.escape(ex.getMessage())
                + " (see 'netkit help" + (cl.getParent() == null ? "" : " " + cl.getCommandName()) + "')");
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * The word that stands where a command with subcommands expects one, when it names none of them (the
     * root's {@code netkit frobnicate}, {@code netkit lab frobnicate}), else null.
     */
    private static String unknownCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()
                || ex.getCommandLine().getSubcommands().isEmpty()
                || ex.getCommandLine().getCommandSpec().positionalParameters().size() > 0) {
            return null;
        }
        String word = u.getUnmatched().get(0);
        return word.startsWith("-") ? null : word;
    }

    /**
     * The command name closest to a mistyped {@code word}: one it starts, or the nearest by edits (a swap of two
     * neighbours counts as one) when at most a third of the word is wrong; null when none is that close.
     */
    static String closest(String word, java.util.Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = n.startsWith(word) && word.length() >= 2 ? 0 : editDistance(word, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(1, word.length() / 3) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** "netkit subnet split" for a nested subcommand. */
    static String commandPath(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName(" ");
    }

    /** The version printed by --version, taken from the jar's manifest. */
    // public: picocli's factory tries the class's public constructor first and falls back on an exception
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Netkit.class.getPackage().getImplementationVersion();
            return new String[] {"netkit " + (v == null ? "dev" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }

    /** {@code netkit completion bash|zsh}: prints a shell completion script generated by picocli. */
    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = {"Print a bash or zsh completion script.",
                    "Load it with: source <(netkit completion bash)   (or zsh)."})
    static final class Completion implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
        String shell;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine root = spec.commandLine().getParent();
            String script = AutoComplete.bash("netkit", root);
            PrintWriter out = spec.commandLine().getOut();
            switch (shell) {
                case "bash" -> out.print(script);
                case "zsh" -> {
                    out.println("autoload -U +X compinit && compinit");
                    out.println("autoload -U +X bashcompinit && bashcompinit");
                    out.print(script);
                }
                default -> throw NetkitException.usage("unknown shell '" + shell + "': use bash or zsh");
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
