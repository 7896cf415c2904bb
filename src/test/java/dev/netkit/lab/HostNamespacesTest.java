package dev.netkit.lab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostNamespacesTest {
    @Test
    void mountPointsAreUnescapedAsTheKernelWritesThem() {
        // proc(5): space, tab, newline and backslash in /proc/PID/mountinfo are octal escapes
        assertEquals("/run/a b\tc\\d", HostNamespaces.unescape("/run/a\\040b\\011c\\134d"));
        assertEquals("/run/netkit/labs/nkx/uts/client", HostNamespaces.unescape("/run/netkit/labs/nkx/uts/client"));
    }

    @Test
    void theUtsNamespaceOfAHostLivesInItsLabsStateDirectory() {
        assertEquals(LabState.ROOT.resolve("nkx").resolve("uts").resolve("client"),
                HostNamespaces.utsFile("x", "client"));
    }
}
