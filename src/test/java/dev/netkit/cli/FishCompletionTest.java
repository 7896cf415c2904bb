package dev.netkit.cli;

import dev.netkit.build.FishCompletion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fish script's lines for commands, nested commands and options; DebPackageIT runs fish on it. */
class FishCompletionTest {

    @Test
    void everySubcommandAfterNetkit() {
        String script = FishCompletion.script();
        for (String name : Netkit.SUBCOMMANDS.keySet()) {
            assertTrue(script.contains("complete -c netkit -n '__fish_use_subcommand' -a " + name + " -d '"), name);
        }
    }

    @Test
    void nestedCommandsAndTheirOptions() {
        String script = FishCompletion.script();
        assertTrue(script.contains("complete -c netkit -n '__fish_seen_subcommand_from subnet; and not "
                + "__fish_seen_subcommand_from split merge range contains eui64 help' -a split -d 'Split a network"), script);
        assertTrue(script.contains("complete -c netkit -n '__fish_seen_subcommand_from subnet; and "
                + "__fish_seen_subcommand_from split' -s 'p' -l 'prefix' -r -d '"), script);
        assertTrue(script.contains(" -s '#' -l 'number' -d '"), "sniff's -# quoted, else fish reads a comment");
    }

    @Test
    void quotesForFish() {
        String script = FishCompletion.script();
        assertTrue(script.contains("kernel\\'s sockets"), "a quote inside a description is escaped");
        assertTrue(script.startsWith("# fish completion for netkit"), script);
    }
}
