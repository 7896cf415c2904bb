package dev.netkit.cli;

import dev.netkit.build.ManPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManPagesTest {

    @Test
    void onePagePerCommandAndNestedSubcommand() {
        Map<String, String> pages = ManPages.pages();
        assertTrue(pages.containsKey("netkit.1"), pages.keySet().toString());
        for (String name : Netkit.SUBCOMMANDS.keySet()) {
            assertTrue(pages.containsKey("netkit-" + name + ".1"), name);
        }
        for (String sub : new String[] {"split", "merge", "range", "contains", "eui64"}) {
            assertTrue(pages.containsKey("netkit-subnet-" + sub + ".1"), sub);
        }
        assertFalse(pages.containsKey("netkit-help.1"));
        assertFalse(pages.containsKey("netkit-subnet-help.1"));
    }

    @Test
    void pageHasTheManSectionsAndEscapedOptions() {
        String page = ManPages.pages().get("netkit-subnet-split.1");
        assertTrue(page.contains(".TH \"NETKIT\\-SUBNET\\-SPLIT\" \"1\""), page);
        assertTrue(page.contains(".SH NAME\nnetkit\\-subnet\\-split \\- Split a network"), page);
        assertTrue(page.contains(".SH SYNOPSIS\n.nf\nnetkit subnet split "), page);
        assertTrue(page.contains("\\fB\\-p\\fR, \\fB\\-\\-prefix\\fR=\\fIN\\fR\n"), page);
        assertTrue(page.contains(".SH EXIT STATUS"), page);
        assertTrue(page.contains(".SH SEE ALSO\n\\fBnetkit\\-subnet\\fR(1)"), page);
        String root = ManPages.pages().get("netkit.1");
        assertTrue(root.contains("\\fBnetkit\\-subnet\\fR(1)"), root);
    }

    @Test
    void escapesRoff() {
        assertEquals("\\&.hidden \\e \\-x", ManPages.esc(".hidden \\ -x"));
        assertEquals("\\&'quote", ManPages.esc("'quote"));
    }

    @Test
    void writesFilesAndRemovesStalePages(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("netkit-gone.1"), "old");
        ManPages.main(new String[] {dir.toString(), "9.9"});
        assertTrue(Files.readString(dir.resolve("netkit-subnet.1")).contains("\"netkit 9.9\""));
        assertFalse(Files.exists(dir.resolve("netkit-gone.1")));
    }
}
