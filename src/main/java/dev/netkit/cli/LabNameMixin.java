package dev.netkit.cli;

import picocli.CommandLine.Option;

/** {@code --name LAB}: which lab a {@code lab} subcommand works on, as {@code lab up --name} named it. */
final class LabNameMixin {
    @Option(names = "--name", paramLabel = "LAB", defaultValue = "", description = "Lab name; default none.")
    String name;

    /** The name, checked: exit 2 for one that cannot name namespaces. */
    String checked() {
        return dev.netkit.lab.Lab.checkName(name);
    }
}
