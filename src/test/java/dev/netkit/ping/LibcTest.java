package dev.netkit.ping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libc through JNA: Function calls however many are made, the direct mapping once a flood asks; errno either way. */
class LibcTest {
    private static final int EBADF = 9;

    @Test
    void manyCallsStayOnFunctionObjects() throws InterruptedException {
        Libc.useFunctions();
        int[] none = new int[0];
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, Libc.poll(none, 0, 0));
        }
        Thread.sleep(50);
        assertFalse(Libc.usingDirect(), "no switch by counting calls (a trace makes hundreds)");
        assertEquals(-1, Libc.close(-1));
        assertEquals(EBADF, Libc.errno(), "errno after a Function call");
    }

    @Test
    void preferDirectSwitchesToTheDirectMappingAndKeepsErrno() throws InterruptedException {
        Libc.useFunctions();
        Libc.preferDirect();
        long end = System.nanoTime() + 10_000_000_000L;
        while (!Libc.usingDirect() && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertTrue(Libc.usingDirect(), "direct mapping within 10 s");
        assertEquals(-1, Libc.sendto(-1, new byte[1], 1, 0, null, 0));
        assertEquals(EBADF, Libc.errno(), "errno after a direct call");
        assertEquals(0, Libc.poll(new int[0], 0, 0));
        Libc.useFunctions();
        assertFalse(Libc.usingDirect());
    }
}
