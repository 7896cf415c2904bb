package dev.netkit.cli;

import dev.netkit.lab.LabEvent;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** lab up's install steps on stderr: only on a terminal and without --json (the caller decides), as Progress. */
class LabProgressTest {
    String shown(boolean steps) {
        StringWriter err = new StringWriter();
        var events = Lab.progress(new PrintWriter(err), false, steps);
        events.accept(new LabEvent.Installing(List.of("nsd", "socat")));
        events.accept(new LabEvent.InstallStep("Unpacking nsd (25%)"));
        events.accept(new LabEvent.InstallStep("Setting up socat (90%)"));
        return err.toString();
    }

    @Test
    void onATerminalOneLinePerStep() {
        assertEquals("netkit lab: installing nsd socat\nnetkit lab: Unpacking nsd (25%)\n"
                + "netkit lab: Setting up socat (90%)\n", shown(true));
    }

    @Test
    void otherwiseOnlyTheLineSayingWhatIsInstalled() {
        assertEquals("netkit lab: installing nsd socat\n", shown(false));
    }
}
