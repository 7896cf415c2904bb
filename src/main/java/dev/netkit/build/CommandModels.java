package dev.netkit.build;

import dev.netkit.cli.Netkit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes {@code dev.netkit.cli.CommandModelsGenerated}: picocli's model of every command, as calls of picocli's
 * programmatic API. picocli builds the same model at run time from the annotations, and reading annotations is
 * most of what a call costs before it does anything: the JVM parses them and spins a proxy class per annotation type,
 * all in the interpreter (docs/startup.md). The annotations stay the one source; this build step (pom.xml, exec
 * plugin, process-classes) turns them into code, and CommandModelsTest checks that both models are equal.
 * Raw attribute values are taken from the annotations, as picocli takes them, so that ${...} variables are still
 * interpolated at run time; what picocli infers from the field (type, element types) is taken from its model.
 */
public final class CommandModels {
    /** The @Command attributes copied to the usage message spec, by the name of its setter. */
    private static final Map<String, String> USAGE = new LinkedHashMap<>();
    /** The @Command attributes whose defaults the generated model may keep; any other set one fails the build. */
    private static final Set<String> COMMAND = Set.of("name", "aliases", "version", "versionProvider",
            "mixinStandardHelpOptions", "subcommands", "separator", "helpCommand", "scope");

    static {
        for (String same : List.of("abbreviateSynopsis", "commandListHeading", "customSynopsis", "description",
                "descriptionHeading", "exitCodeListHeading", "footer", "footerHeading", "header", "headerHeading",
                "hidden", "optionListHeading", "parameterListHeading", "requiredOptionMarker", "showAtFileInUsageHelp",
                "showDefaultValues", "showEndOfOptionsDelimiterInUsageHelp", "sortOptions", "sortSynopsis",
                "synopsisHeading", "synopsisSubcommandLabel")) {
            USAGE.put(same, same);
        }
        USAGE.put("usageHelpWidth", "width");
        USAGE.put("usageHelpAutoWidth", "autoWidth");
    }

    /** Option and parameter attributes whose annotation default means "not given": picocli infers or ignores them. */
    private static final Set<String> INFERRED = Set.of("arity", "paramLabel", "index", "defaultValue",
            "mapFallbackValue", "completionCandidates", "converter", "parameterConsumer", "preprocessor", "type");

    private static final String STANDARD_HELP = "mixinStandardHelpOptions";
    private static final Class<?> AUTO_HELP;

    static {
        try {
            AUTO_HELP = Class.forName("picocli.CommandLine$AutoHelpMixin");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StringBuilder code = new StringBuilder();
    private final Map<Class<?>, String> methods = new LinkedHashMap<>();
    private final List<Class<?>> pending = new ArrayList<>();
    private int mixins;
    /** picocli's own model of each class, built once: what it infers is read from it field by field. */
    private final Map<Class<?>, CommandSpec> reflected = new LinkedHashMap<>();

    private CommandModels() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0], "dev", "netkit", "cli", "CommandModelsGenerated.java");
        String source = generate();
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
            Files.writeString(file, source, StandardCharsets.UTF_8);
        }
    }

    /** The generated source, for every command under netkit's root (with all nested ones). */
    public static String generate() {
        System.setProperty("netkit.annotationModels", "true");
        CommandModels g = new CommandModels();
        g.collect(Netkit.commandLine());
        return g.source();
    }

    private void collect(CommandLine cl) {
        Class<?> type = cl.getCommandSpec().userObject() == null ? null : cl.getCommandSpec().userObject().getClass();
        if (type != null && type.isAnnotationPresent(Command.class) && !type.getName().startsWith("picocli.")) {
            name(type);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub);
        }
    }

    /** The generated method's name for a command or mixin class, queued for generation on first sight. */
    private String name(Class<?> type) {
        String name = methods.get(type);
        if (name == null) {
            name = "m" + methods.size() + "_" + type.getSimpleName();
            methods.put(type, name);
            pending.add(type);
        }
        return name;
    }

    private String source() {
        while (!pending.isEmpty()) {
            command(pending.removeFirst());
        }
        StringBuilder s = new StringBuilder();
        s.append("package dev.netkit.cli;\n\n")
                .append("import picocli.CommandLine;\n")
                .append("import picocli.CommandLine.Model.CommandSpec;\n")
                .append("import picocli.CommandLine.Model.OptionSpec;\n")
                .append("import picocli.CommandLine.Model.PositionalParamSpec;\n")
                .append("import picocli.CommandLine.Model.UsageMessageSpec;\n\n")
                .append("/** Generated by dev.netkit.build.CommandModels from the picocli annotations: do not edit. */\n")
                .append("@SuppressWarnings(\"all\")\n")
                .append("public final class CommandModelsGenerated implements java.util.function.Function<Object, CommandSpec> {\n")
                .append("    @Override\n")
                .append("    public CommandSpec apply(Object command) {\n")
                .append("        switch (command.getClass().getName()) {\n");
        for (Map.Entry<Class<?>, String> m : methods.entrySet()) {
            if (m.getKey().isAnnotationPresent(Command.class)) {
                s.append("            case ").append(literal(m.getKey().getName())).append(": return ")
                        .append(m.getValue()).append("(command);\n");
            }
        }
        s.append("            default: return null;\n        }\n    }\n");
        s.append(code);
        s.append(SUPPORT);
        s.append("}\n");
        return s.toString();
    }

    /** One method that builds the model of {@code type} (a command or a mixin) around an instance of it. */
    private void command(Class<?> type) {
        String name = methods.get(type);
        code.append("\n    static CommandSpec ").append(name).append("(Object o) {\n")
                .append("        CommandSpec s = CommandSpec.wrapWithoutInspection(o);\n")
                .append("        UsageMessageSpec u = s.usageMessage();\n");
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.addFirst(c);
        }
        boolean standardHelp = false;
        for (Class<?> c : hierarchy) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null) {
                commandAttributes(cmd);
                standardHelp |= cmd.mixinStandardHelpOptions();
                for (Class<?> sub : cmd.subcommands()) {
                    code.append("        s.addSubcommand(").append(literal(sub.getAnnotation(Command.class).name()))
                            .append(", new CommandLine(").append(name(sub)).append("(create(")
                            .append(literal(sub.getName())).append("))));\n");
                }
            }
            for (Field f : c.getDeclaredFields()) {
                member(c, f);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Option.class) || m.isAnnotationPresent(Parameters.class)
                        || m.isAnnotationPresent(Command.class)) {
                    throw new IllegalStateException("picocli annotations on methods are not generated: " + m);
                }
            }
        }
        if (standardHelp && reflected(type).mixins().containsKey(STANDARD_HELP)) {
            // picocli's mixinStandardHelpOptions: its AutoHelpMixin, added last
            code.append("        s.addMixin(").append(literal(STANDARD_HELP)).append(", ")
                    .append(name(AUTO_HELP)).append("(create(").append(literal(AUTO_HELP.getName())).append(")));\n");
        }
        code.append("        return s;\n    }\n");
    }

    private void commandAttributes(Command cmd) {
        for (Method m : attributes(Command.class)) {
            Object value = value(cmd, m);
            if (Objects.deepEquals(value, m.getDefaultValue())) {
                continue;
            }
            String attr = m.getName();
            if (USAGE.containsKey(attr)) {
                code.append("        u.").append(USAGE.get(attr)).append('(').append(literal(value)).append(");\n");
            } else if (!COMMAND.contains(attr)) {
                throw new IllegalStateException("@Command(" + attr + ") is not generated yet");
            } else if (attr.equals("name") || attr.equals("aliases") || attr.equals("version")
                    || attr.equals("helpCommand")) {
                code.append("        s.").append(attr).append('(').append(literal(value)).append(");\n");
            } else if (attr.equals("versionProvider")) {
                code.append("        s.versionProvider((CommandLine.IVersionProvider) create(")
                        .append(literal(((Class<?>) value).getName())).append("));\n");
            } else if (attr.equals("separator")) {
                code.append("        s.parser().separator(").append(literal(value)).append(");\n");
            } else if (attr.equals("scope")) {
                code.append("        s.scopeType(").append(literal(value)).append(");\n");
            }
        }
    }

    private void member(Class<?> owner, Field f) {
        String field = binding("o", owner, f);
        if (f.isAnnotationPresent(Mixin.class)) {
            Mixin mixin = f.getAnnotation(Mixin.class);
            String mixinName = mixin.name().isEmpty() ? f.getName() : mixin.name();
            CommandSpec reflected = reflected(owner).mixins().get(mixinName);
            String var = "m" + (++mixins);
            code.append("        Object ").append(var).append(" = mixin(s, ").append(literal(mixinName)).append(", ")
                    .append(field).append(", ").append(literal(f.getType().getName())).append(", m -> ")
                    .append(name(f.getType())).append("(m), ").append(literal(reflected.toString())).append(");\n");
            for (Class<?> c = f.getType(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field mf : c.getDeclaredFields()) {
                    if (mf.isAnnotationPresent(Spec.class) && mf.getAnnotation(Spec.class).value() == Spec.Target.MIXEE) {
                        code.append("        ").append(binding(var, c, mf)).append(".put(s);\n");
                    }
                }
            }
        }
        if (f.isAnnotationPresent(CommandLine.Unmatched.class)) {
            code.append("        unmatched(s, ").append(field).append(", ").append(f.getType().isArray())
                    .append(");\n");
        }
        if (f.isAnnotationPresent(Option.class) || f.isAnnotationPresent(Parameters.class)) {
            arg(owner, f, field);
        }
        if (f.isAnnotationPresent(Spec.class) && f.getAnnotation(Spec.class).value() == Spec.Target.SELF) {
            code.append("        ").append(field).append(".put(s);\n");
        }
    }

    /**
     * A binding of field {@code f} of {@code owner} in the object named {@code var}: lambdas that read and write it
     * where the generated class can name it, else reflection. Not reflection where it can be avoided: the JDK
     * reads and writes a field by reflection through method handles it spins at run time (some 40 ms at a call's
     * start, in the interpreter), which the start-up cache does not keep; lambdas come from the cache.
     */
    private static String binding(String var, Class<?> owner, Field f) {
        boolean direct = !Modifier.isPrivate(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())
                && visible(owner) && (f.getType().isPrimitive() || visible(erasure(f.getType())));
        if (direct) {
            String target = "((" + owner.getCanonicalName() + ") " + var + ")." + f.getName();
            String type = f.getType().isArray() ? erasure(f.getType()).getCanonicalName()
                    + "[]".repeat(dimensions(f.getType())) : f.getType().getCanonicalName();
            return "new Binding(() -> " + target + ", v -> " + target + " = (" + type + ") v)";
        }
        if (owner.getPackageName().equals("picocli")) {
            // picocli's own mixins (the standard help options): nothing reads their private fields but picocli,
            // through the binding, so a value the binding holds is the same
            return "Binding.held(" + literal(initialValue(owner, f)) + ")";
        }
        return "Binding.reflective(" + var + ", " + literal(owner.getName()) + ", " + literal(f.getName()) + ")";
    }

    private static Object initialValue(Class<?> owner, Field f) {
        try {
            f.setAccessible(true);
            return f.get(instance(owner));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> erasure(Class<?> c) {
        Class<?> e = c;
        while (e.isArray()) {
            e = e.getComponentType();
        }
        return e;
    }

    private static int dimensions(Class<?> c) {
        int n = 0;
        for (Class<?> e = c; e.isArray(); e = e.getComponentType()) {
            n++;
        }
        return n;
    }

    private static boolean visible(Class<?> c) {
        if (c.isPrimitive()) {
            return true;
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            int mod = k.getModifiers();
            if (!(Modifier.isPublic(mod) || (!Modifier.isPrivate(mod) && k.getPackageName().equals("dev.netkit.cli")))
                    || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** An option or positional parameter: its raw attributes, and what picocli infers from the field. */
    private void arg(Class<?> owner, Field f, String field) {
        // picocli's own model of the field, for what it infers: the type, its element types, the label
        CommandSpec inferred = reflected(owner);
        boolean option = f.isAnnotationPresent(Option.class);
        Annotation a = option ? f.getAnnotation(Option.class) : f.getAnnotation(Parameters.class);
        CommandLine.Model.ArgSpec arg = null;
        for (CommandLine.Model.ArgSpec candidate : inferred.args()) {
            if (candidate.userObject() == f || (candidate.userObject() instanceof Field uf && uf.equals(f))) {
                arg = candidate;
            }
        }
        if (arg == null) {
            throw new IllegalStateException("picocli did not model " + f);
        }
        StringBuilder b = new StringBuilder();
        if (option) {
            b.append("OptionSpec.builder(").append(literal(((Option) a).names())).append(')');
        } else {
            b.append("PositionalParamSpec.builder()");
        }
        for (Method m : attributes(a.annotationType())) {
            Object value = value(a, m);
            // the builder's defaults differ from the annotation's for some attributes (descriptionKey: null, ""):
            // each is given, except where the annotation's default is a marker or leaves picocli to infer it
            if (m.getName().equals("names") || m.getName().equals("arity") || m.getName().equals("index")
                    || (Objects.deepEquals(value, m.getDefaultValue()) && INFERRED.contains(m.getName()))) {
                continue;
            }
            switch (m.getName()) {
                case "arity", "paramLabel", "hideParamSyntax", "description", "descriptionKey", "required",
                     "interactive", "echo", "prompt", "hidden", "defaultValue", "showDefaultValue", "fallbackValue",
                     "order", "negatable", "help", "usageHelp", "versionHelp", "index", "mapFallbackValue" -> b.append("\n                .").append(m.getName()).append('(')
                        .append(literal(value)).append(')');
                case "splitSynopsisLabel" -> b.append("\n                .splitRegexSynopsisLabel(")
                        .append(literal(value)).append(')');
                case "split" -> b.append("\n                .splitRegex(").append(literal(value)).append(')');
                case "scope" -> b.append("\n                .scopeType(").append(literal(value)).append(')');
                case "completionCandidates" -> b.append("\n                .completionCandidates((Iterable<String>) create(")
                        .append(literal(((Class<?>) value).getName())).append("))");
                default -> throw new IllegalStateException("@" + a.annotationType().getSimpleName() + "("
                        + m.getName() + ") is not generated yet: " + f);
            }
        }
        if (arg.paramLabel() != null && !hasValue(a, "paramLabel")) {
            b.append("\n                .paramLabel(").append(literal(arg.paramLabel())).append(')');
        }
        if (!option) {
            // picocli's builder for @Parameters makes it required when its arity asks for a value
            b.append("\n                .required(").append(arg.arity().min() > 0).append(')');
        }
        // the arity and index as picocli resolved them, "unspecified" included: its parser reads that flag
        b.append("\n                .arity(").append(range(arg.arity())).append(')');
        if (!option) {
            // picocli's default index: "*" for a list, "0+" (the next, relative to mixins) for one value
            String index = ((Parameters) a).index().isEmpty() ? (arg.isMultiValue() ? "*" : "0+")
                    : ((Parameters) a).index();
            b.append("\n                .index(CommandLine.Range.valueOf(").append(literal(index)).append("))");
        }
        b.append("\n                .type(").append(typeLiteral(arg.type())).append(')');
        b.append("\n                .auxiliaryTypes(");
        Class<?>[] aux = arg.auxiliaryTypes();
        for (int i = 0; i < aux.length; i++) {
            b.append(i == 0 ? "" : ", ").append(typeLiteral(aux[i]));
        }
        b.append(')');
        b.append("\n                .withToString(").append(literal(arg.toString())).append(')');
        code.append("        ").append(option ? "option" : "positional").append("(s, ").append(field).append(", ")
                .append(b).append(");\n");
    }

    private static String range(CommandLine.Range r) {
        return "CommandLine.Range.valueOf(" + literal(r.toString()) + ").unspecified(" + r.isUnspecified() + ")";
    }

    /**
     * An annotation type's attributes by name: getDeclaredMethods() has no fixed order, and the generated source
     * should be the same from build to build.
     */
    private static List<Method> attributes(Class<?> annotationType) {
        List<Method> all = new ArrayList<>(List.of(annotationType.getDeclaredMethods()));
        all.sort(java.util.Comparator.comparing(Method::getName));
        return all;
    }

    private CommandSpec reflected(Class<?> type) {
        return reflected.computeIfAbsent(type, t -> CommandSpec.forAnnotatedObject(instance(t)));
    }

    private static boolean hasValue(Annotation a, String attribute) {
        try {
            Method m = a.annotationType().getDeclaredMethod(attribute);
            return !Objects.deepEquals(value(a, m), m.getDefaultValue());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Object instance(Class<?> type) {
        try {
            var c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type, e);
        }
    }

    private static Object value(Annotation a, Method m) {
        try {
            m.setAccessible(true);
            return m.invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class literal where the class is visible from dev.netkit.cli, else a look-up by name. */
    private static String typeLiteral(Class<?> c) {
        if (c.isPrimitive()) {
            return c.getName() + ".class";
        }
        if (c.isArray()) {
            return "java.lang.reflect.Array.newInstance(" + typeLiteral(c.getComponentType()) + ", 0).getClass()";
        }
        return visible(c) ? c.getCanonicalName() + ".class" : "type(" + literal(c.getName()) + ")";
    }

    static String literal(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (ch < 0x20 || ch > 0x7e) {
                            b.append(String.format("\\u%04x", (int) ch));
                        } else {
                            b.append(ch);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
        if (v instanceof String[] a) {
            StringBuilder b = new StringBuilder("new String[] {");
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ").append(literal(a[i]));
            }
            return b.append('}').toString();
        }
        if (v instanceof Enum<?> e) {
            return e.getDeclaringClass().getCanonicalName() + "." + e.name();
        }
        if (v instanceof Boolean || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Character ch) {
            return "'" + (ch == '\'' ? "\\'" : ch == '\\' ? "\\\\" : ch.toString()) + "'";
        }
        throw new IllegalStateException("no literal for " + v + " (" + v.getClass() + ")");
    }

    /** The generated class's own helpers: field bindings and instances by reflection, which reads no annotation. */
    private static final String SUPPORT = """

                static Class<?> type(String name) {
                    try {
                        return Class.forName(name, false, CommandModelsGenerated.class.getClassLoader());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }

                static Object create(String name) {
                    try {
                        java.lang.reflect.Constructor<?> c = type(name).getDeclaredConstructor();
                        c.setAccessible(true);
                        return c.newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }

                /** picocli's binding of a field: its getter and setter. */
                static final class Binding implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {
                    private final java.util.function.Supplier<Object> read;
                    private final java.util.function.Consumer<Object> write;

                    Binding(java.util.function.Supplier<Object> read, java.util.function.Consumer<Object> write) {
                        this.read = read;
                        this.write = write;
                    }

                    /** A value of its own, starting at {@code initial}. */
                    static Binding held(Object initial) {
                        Object[] value = {initial};
                        return new Binding(() -> value[0], v -> value[0] = v);
                    }

                    /** A field the generated code cannot name, by reflection. */
                    static Binding reflective(Object o, String owner, String name) {
                        try {
                            java.lang.reflect.Field f = type(owner).getDeclaredField(name);
                            f.setAccessible(true);
                            return new Binding(() -> {
                                try {
                                    return f.get(o);
                                } catch (IllegalAccessException e) {
                                    throw new IllegalStateException(e);
                                }
                            }, v -> {
                                try {
                                    f.set(o, v);
                                } catch (IllegalAccessException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                        } catch (NoSuchFieldException e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get() {
                        return (T) read.get();
                    }

                    @Override
                    public <T> T set(T value) {
                        T old = get();
                        write.accept(value);
                        return old;
                    }

                    void put(Object value) {
                        write.accept(value);
                    }
                }

                static void option(CommandSpec s, Binding b, OptionSpec.Builder builder) {
                    s.addOption(builder.getter(b).setter(b).initialValue(b.get()).hasInitialValue(true).build());
                }

                static void positional(CommandSpec s, Binding b, PositionalParamSpec.Builder builder) {
                    s.addPositional(builder.getter(b).setter(b).initialValue(b.get()).hasInitialValue(true).build());
                }

                /**
                 * A @Mixin field: its object (made when the field is null), modelled and added to {@code s} under
                 * {@code name}; the mixin's object is returned for its @Spec(MIXEE) fields.
                 */
                static Object mixin(CommandSpec s, String name, Binding field, String type,
                        java.util.function.Function<Object, CommandSpec> model, String toString) {
                    Object m = field.get();
                    if (m == null) {
                        m = create(type);
                        field.put(m);
                    }
                    s.addMixin(name, model.apply(m).withToString(toString));
                    return m;
                }

                /** An @Unmatched field: a String[] is set, a List<String> is added to. */
                static void unmatched(CommandSpec s, Binding b, boolean array) {
                    s.addUnmatchedArgsBinding(array
                            ? CommandLine.Model.UnmatchedArgsBinding.forStringArrayConsumer(b)
                            : CommandLine.Model.UnmatchedArgsBinding.forStringCollectionSupplier(b));
                }
            """;
}
