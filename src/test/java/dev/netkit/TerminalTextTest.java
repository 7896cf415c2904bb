package dev.netkit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TerminalTextTest {
    @Test
    void plainTextIsUnchanged() {
        String s = "server.netkit.test has address 198.18.10.10";
        assertSame(s, TerminalText.escape(s));
    }

    @Test
    void escapeSequencesAreMadeVisible() {
        assertEquals("a\\x1b[31mred\\x07", TerminalText.escape("a\u001b[31mred\u0007"));
        assertEquals("line\\nnext\\r", TerminalText.escape("line\nnext\r"));
        assertEquals("\\x9b2J", TerminalText.escape("\u009b2J"));
        assertEquals("x\\u202ey", TerminalText.escape("x\u202ey"));
    }

    @Test
    void printableAsciiUsesDots() {
        byte[] b = {'G', 'E', 'T', 0x1b, (byte) 0xff, '\n'};
        assertEquals("GET...", TerminalText.printableAscii(b, 0, b.length));
    }
}
