package dev.netkit.cli.render;

import dev.netkit.privileges.HelperInstallation;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** What {@code netkit privileges install|remove} did, a line per step, or NDJSON objects typed {@code step}. */
public final class PrivilegesRenderer implements Consumer<HelperInstallation.Step> {
    private final PrintWriter out;
    private final JsonLines json;

    public PrivilegesRenderer(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json ? new JsonLines(out) : null;
    }

    @Override
    public void accept(HelperInstallation.Step s) {
        if (json != null) {
            json.begin("step").field("what", s.what()).field("target", s.target()).end();
        } else {
            out.println("netkit privileges: " + s.what() + " " + s.target());
        }
        out.flush();
    }

    /** After install: the one step left to the administrator, per user. */
    public void joinHint(String group, String user) {
        if (json != null) {
            json.begin("next").field("command", "sudo usermod -aG " + group + " " + user).end();
        } else {
            out.println("Now let each user who may capture join the group (and log in again):");
            out.println("  sudo usermod -aG " + group + " " + user);
        }
        out.flush();
    }
}
