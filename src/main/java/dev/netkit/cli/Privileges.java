package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.capture.HelperCapture;
import dev.netkit.cli.render.PrivilegesRenderer;
import dev.netkit.privileges.HelperInstallation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code netkit privileges install|remove}: the privileged capture helper and its group (docs/privileges.md). */
@Command(name = "privileges", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Install or remove the capture helper for the group netkit.",
                "'install' creates the group netkit and installs netkit-helper as " + "/usr/local/lib/netkit/"
                        + "netkit-helper, root:netkit, mode 0750, with cap_net_raw and cap_net_admin only:",
                "members of the group then sniff, arp, scan -sS and send without sudo. 'remove' undoes it all.",
                "Both need root. Nothing gives capabilities to java."},
        subcommands = {Privileges.Install.class, Privileges.Remove.class},
        footer = {"", "Examples:", "  sudo netkit privileges install", "  sudo usermod -aG netkit alice",
                "  sudo netkit privileges remove"})
public final class Privileges implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    private static HelperInstallation installation(PrivilegesRenderer out) {
        return new HelperInstallation(HelperCapture.installPath(), HelperCapture.built(), out);
    }

    /** {@code netkit privileges install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Create the group netkit and install netkit-helper for it.",
                    "Needs root. Installing again replaces the helper with the one built beside this netkit."})
    static final class Install implements Callable<Integer> {
        @Mixin
        OutputMixin output;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrivilegesRenderer out = new PrivilegesRenderer(spec.commandLine().getOut(), output.json);
            installation(out).install();
            String sudoUser = System.getenv("SUDO_USER");
            out.joinHint(HelperCapture.GROUP, sudoUser == null || sudoUser.isBlank() || sudoUser.equals("root")
                    ? "USER" : dev.netkit.TerminalText.escape(sudoUser));
            return ExitCode.OK;
        }
    }

    /** {@code netkit privileges remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove netkit-helper and the group netkit.",
                    "Needs root. Nothing there already is not an error."})
    static final class Remove implements Callable<Integer> {
        @Mixin
        OutputMixin output;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            installation(new PrivilegesRenderer(spec.commandLine().getOut(), output.json)).remove();
            return ExitCode.OK;
        }
    }
}
