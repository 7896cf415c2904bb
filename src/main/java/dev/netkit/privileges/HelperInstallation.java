package dev.netkit.privileges;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.capture.HelperCapture;
import dev.netkit.system.Privileges;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code netkit privileges install|remove} (issue 18, docs/privileges.md): puts netkit-helper where
 * {@link HelperCapture#INSTALLED} says, owned by root and the group netkit, mode 0750, with the file capabilities
 * cap_net_raw and cap_net_admin and no others; and takes all of it away again. Runs as root; the group is made with
 * groupadd and the capabilities set with setcap (libcap2-bin), each run without a shell.
 */
public final class HelperInstallation {
    /** What the helper may do: open packet sockets (capture, inject) and set promiscuous mode. */
    public static final String CAPABILITIES = "cap_net_raw,cap_net_admin+ep";

    /** One thing done (or found already so), for the renderer. */
    public record Step(String what, String target) {
    }

    private final Path helper;
    private final Path built;
    private final Consumer<Step> steps;

    /** {@code helper}: where it goes; {@code built}: the build's helper to copy there. */
    public HelperInstallation(Path helper, Path built, Consumer<Step> steps) {
        this.helper = helper;
        this.built = built;
        this.steps = steps;
    }

    /** Installs (or reinstalls) the helper and its group. */
    public void install() {
        requireRoot("install");
        if (!Files.isRegularFile(built)) {
            throw new NetkitException(ExitCode.MISSING_COMPONENT, "there is no built netkit-helper at " + built
                    + ": build it with ./mvnw -q -DskipTests package (gcc and libpcap-dev)");
        }
        String setcap = command("setcap", "libcap2-bin");
        if (groupExists()) {
            steps.accept(new Step("group exists", HelperCapture.GROUP));
        } else {
            run(List.of(command("groupadd", "passwd"), "--system", HelperCapture.GROUP), "groupadd");
            steps.accept(new Step("created group", HelperCapture.GROUP));
        }
        Path dir = helper.getParent();
        Path partial = dir.resolve(helper.getFileName() + ".new");
        try {
            Files.createDirectories(dir);
            // copied under another name, then owned, restricted and given its capabilities, then moved into place:
            // at no moment does a file at the helper's path hold capabilities with a wider mode or group
            Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
            PosixFileAttributeView view = Files.getFileAttributeView(partial, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setPermissions(PosixFilePermissions.fromString("rwx------"));
            UserPrincipalLookupService names = partial.getFileSystem().getUserPrincipalLookupService();
            view.setOwner(names.lookupPrincipalByName("root"));
            view.setGroup(names.lookupPrincipalByGroupName(HelperCapture.GROUP));
            view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
            run(List.of(setcap, CAPABILITIES, partial.toString()), "setcap");
            Files.move(partial, helper, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the message below says what failed
            }
            throw new NetkitException(ExitCode.NEGATIVE, "cannot install " + helper + ": " + e.getMessage());
        }
        steps.accept(new Step("installed root:" + HelperCapture.GROUP + " 0750 with " + CAPABILITIES, helper.toString()));
    }

    /** Removes the helper, its directory when empty, and the group. Nothing there is not an error. */
    public void remove() {
        requireRoot("remove");
        try {
            if (Files.deleteIfExists(helper)) {
                steps.accept(new Step("removed", helper.toString()));
            }
            Files.deleteIfExists(helper.getParent().resolve(helper.getFileName() + ".new"));
            Path dir = helper.getParent();
            if (Files.isDirectory(dir)) {
                try (var left = Files.list(dir)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(dir);
                        steps.accept(new Step("removed", dir.toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new NetkitException(ExitCode.NEGATIVE, "cannot remove " + helper + ": " + e.getMessage());
        }
        if (groupExists()) {
            run(List.of(command("groupdel", "passwd"), HelperCapture.GROUP), "groupdel");
            steps.accept(new Step("removed group", HelperCapture.GROUP));
        }
    }

    private static void requireRoot(String what) {
        if (!Privileges.isRoot()) {
            throw NetkitException.privilege("netkit privileges " + what);
        }
    }

    /** True when the system knows the group (getent-free: the JDK asks the same name service). */
    static boolean groupExists() {
        try {
            GroupPrincipal g = Path.of("/").getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(HelperCapture.GROUP);
            return g != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The program's path in /usr/sbin or /sbin; exit 5 naming its package when it is in neither. */
    private static String command(String name, String debianPackage) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw NetkitException.missing(name, debianPackage);
    }

    private static void run(List<String> cmd, String what) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NetkitException(ExitCode.NEGATIVE, what + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new NetkitException(ExitCode.NEGATIVE, what + " failed (" + p.exitValue() + "): " + out);
            }
        } catch (IOException e) {
            throw new NetkitException(ExitCode.NEGATIVE, what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetkitException(ExitCode.NEGATIVE, what + " was interrupted");
        }
    }
}
