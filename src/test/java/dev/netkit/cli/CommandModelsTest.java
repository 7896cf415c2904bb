package dev.netkit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The models the build generates from picocli's annotations (dev.netkit.build.CommandModels) are picocli's own
 * models of the same classes: every attribute picocli's model has, compared through its public getters, and the
 * --help each prints.
 */
class CommandModelsTest {
    /**
     * Getters that name an object's identity or its place in a tree (compared elsewhere), not the model, and the
     * annotated members picocli keeps to inject @Spec(MIXEE) later (the generated code injects it directly), and
     * the generic type arguments' names, which nothing in picocli reads after the model is built.
     */
    private static final Set<String> SKIP = Set.of("getter", "setter", "scope", "userObject", "command",
            "commandLine", "parent", "root", "messages", "mixinAnnotatedElements", "group", "argGroups",
            "interpolator", "hashCode", "getClass", "subcommands", "resourceBundle", "resourceBundleBaseName",
            "annotatedElement", "converters", "parameterConsumer", "preprocessor", "modelTransformer",
            "negatableOptionTransformer", "defaultValueProvider", "sectionMap", "posixOptionsMap", "optionsMap",
            "negatedOptionsMap", "originalValue", "specElements",
            "getActualGenericTypeArguments");

    /** Zero-argument methods that change the model (addMethodSubcommands(), ...) rather than read it. */
    private static final java.util.regex.Pattern MUTATOR =
            java.util.regex.Pattern.compile("add|reset|clear|update|init|validate|apply|inherit|remove|set|build");

    private final java.util.function.Function<Object, CommandSpec> generated = new CommandModelsGenerated();

    @Test
    void everyCommandsGeneratedModelIsPicocliSModelOfItsAnnotations() throws Exception {
        List<Class<?>> commands = new ArrayList<>();
        collect(Netkit.commandLine(), commands);
        assertTrue(commands.size() > 40, "commands found: " + commands);
        for (Class<?> type : commands) {
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            CommandSpec reflected = CommandSpec.forAnnotatedObject(ctor.newInstance());
            CommandSpec made = generated.apply(ctor.newInstance());
            assertNotNull(made, "no generated model for " + type.getName());
            // the user objects' identity hashes (in a command's toString) differ by nature
            String want = dump(reflected, 0).replaceAll("@[0-9a-f]+\\)", "@)");
            String got = dump(made, 0).replaceAll("@[0-9a-f]+\\)", "@)");
            int at = 0;
            while (at < Math.min(want.length(), got.length()) && want.charAt(at) == got.charAt(at)) {
                at++;
            }
            int from = Math.max(0, at - 300);
            assertEquals(want.substring(from, Math.min(want.length(), at + 200)),
                    got.substring(from, Math.min(got.length(), at + 200)), type.getName());
            assertEquals(usage(reflected), usage(made), type.getName() + " --help");
        }
    }

    @Test
    void theRunningCommandLineUsesTheGeneratedModels() {
        CommandLine cl = Netkit.commandLine("route");
        CommandSpec route = cl.getSubcommands().get("route").getCommandSpec();
        // picocli's own model keeps the @Mixin field it came from; the generated one has none
        assertTrue(route.mixinAnnotatedElements().isEmpty(), "route's model came from its annotations");
    }

    private static void collect(CommandLine cl, List<Class<?>> into) {
        Object user = cl.getCommandSpec().userObject();
        if (user != null && !user.getClass().getName().startsWith("picocli.") && !into.contains(user.getClass())) {
            into.add(user.getClass());
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static String usage(CommandSpec spec) {
        CommandLine cl = new CommandLine(spec);
        cl.setUsageHelpWidth(100);
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Every public getter of a picocli model object, by name, with the model objects it returns in turn. */
    private static String dump(Object o, int depth) throws Exception {
        if (o == null) {
            return "null";
        }
        if (depth > 6) {
            return "...";
        }
        if (o instanceof CommandSpec spec) {
            Map<String, String> subs = new LinkedHashMap<>();
            for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
                subs.put(e.getKey(), dump(e.getValue().getCommandSpec(), depth + 1));
            }
            return getters(o, depth) + " subcommands=" + subs;
        }
        if (o.getClass().getName().startsWith("picocli.CommandLine$Model") || o instanceof CommandLine.Range) {
            return getters(o, depth);
        }
        if (o instanceof Object[] a) {
            List<String> parts = new ArrayList<>();
            for (Object x : a) {
                parts.add(dump(x, depth + 1));
            }
            return parts.toString();
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, String> parts = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                parts.put(String.valueOf(e.getKey()), dump(e.getValue(), depth + 1));
            }
            return parts.toString();
        }
        if (o instanceof Iterable<?> it && !(o instanceof java.nio.file.Path)) {
            List<String> parts = new ArrayList<>();
            for (Object x : it) {
                parts.add(dump(x, depth + 1));
            }
            return parts.toString();
        }
        if (o instanceof Class<?> c) {
            return c.getName();
        }
        if (o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character
                || o instanceof Enum<?> || o instanceof java.nio.file.Path) {
            return o.toString();
        }
        return o.getClass().getName(); // a version provider, a help section renderer: which one, not which instance
    }

    private static String getters(Object o, int depth) throws Exception {
        List<Method> methods = new ArrayList<>(Arrays.asList(o.getClass().getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        StringBuilder b = new StringBuilder(o.getClass().getSimpleName()).append('{');
        for (Method m : methods) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class
                    || SKIP.contains(m.getName()) || !m.getDeclaringClass().getName().startsWith("picocli")
                    || m.getReturnType() == CommandSpec.class || MUTATOR.matcher(m.getName()).lookingAt()) {
                continue;
            }
            Object value;
            try {
                m.setAccessible(true);
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                value = "threw " + (e.getCause() != null ? e.getCause().getClass().getName() : e.getClass().getName());
            }
            b.append(m.getName()).append('=')
                    .append(value instanceof Collection<?> || value instanceof Object[] || value instanceof Map<?, ?>
                            || (value != null && value.getClass().getName().startsWith("picocli"))
                            ? dump(value, depth + 1) : dump(value, depth + 1))
                    .append(", ");
        }
        return b.append('}').toString();
    }
}
