package dev.netkit.capture;

import dev.netkit.NetkitException;
import dev.netkit.packet.LinkType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HelperCapture against stand-ins for netkit-helper (shell scripts named by the netkit.helper property): the request
 * line it writes, the frames it reads from the pcap stream, the length-prefixed frames it sends, the stats line it
 * takes at close, and how a refusal or a missing helper becomes netkit's exit code.
 */
class HelperCaptureTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(HelperCapture.PATH_PROPERTY);
    }

    private void helper(String script) throws Exception {
        Path p = dir.resolve("fake-helper");
        Files.writeString(p, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        System.setProperty(HelperCapture.PATH_PROPERTY, p.toString());
    }

    @Test
    void requestFramesSendAndStats() throws Exception {
        Path stream = dir.resolve("stream.pcap");
        byte[] first = new byte[60];
        first[12] = 0x08;
        byte[] second = new byte[42];
        second[12] = 0x08;
        second[13] = 0x06;
        try (PcapFileWriter w = PcapFileWriter.create(stream, LinkType.EN10MB, 256, true)) {
            w.write(CapturedFrame.of(1_700_000_000_123_456_789L, LinkType.EN10MB, first));
            w.write(CapturedFrame.of(1_700_000_001_000_000_001L, LinkType.EN10MB, second));
        }
        helper("IFS= read -r line; echo \"$line\" > " + dir.resolve("request") + "; cat " + stream + "; cat > "
                + dir.resolve("sent") + "; echo 'stats 7 1 0' >&2\n");
        HelperCapture c = HelperCapture.open(CaptureOptions.on("eth9").withSnaplen(256).withPromiscuous(false)
                .withFilter(" arp or icmp "), "eth9");
        assertEquals(LinkType.EN10MB, c.linkType());
        CapturedFrame a = c.receiveWithin(5000);
        CapturedFrame b = c.receiveWithin(5000);
        assertEquals(1_700_000_000_123_456_789L, a.timestampNanos());
        assertArrayEquals(first, a.data());
        assertArrayEquals(second, b.data());
        assertNull(c.receiveWithin(100));
        byte[] out = {1, 2, 3, 4, 5};
        c.send(out);
        c.close();
        assertEquals(new CaptureStats(7, 1, 0), c.stats());
        assertEquals("inject eth9 256 0 arp or icmp\n", Files.readString(dir.resolve("request")));
        assertArrayEquals(new byte[] {0, 0, 0, 5, 1, 2, 3, 4, 5}, Files.readAllBytes(dir.resolve("sent")));
        assertThrows(NetkitException.class, () -> c.send(out));
    }

    @Test
    void captureOnlyAsksForNoMore() throws Exception {
        helper("IFS= read -r line; echo \"$line\" > " + dir.resolve("request") + "; exit 1\n");
        assertThrows(NetkitException.class, () -> HelperCapture.open(CaptureOptions.on("eth9").withSends(false),
                "eth9"));
        assertEquals("capture eth9 262144 1 \n", Files.readString(dir.resolve("request")));
    }

    @Test
    void refusalKeepsTheHelpersExitCodeAndMessage() throws Exception {
        helper("IFS= read -r line; echo 'netkit-helper: bad filter: syntax error' >&2; exit 2\n");
        NetkitException e = assertThrows(NetkitException.class, () -> HelperCapture.open(CaptureOptions.on("eth9"),
                "eth9"));
        assertEquals(2, e.exitCode());
        assertEquals("bad filter: syntax error", e.getMessage());
        helper("IFS= read -r line; echo 'netkit-helper: permission denied: x' >&2; exit 4\n");
        e = assertThrows(NetkitException.class, () -> HelperCapture.open(CaptureOptions.on("eth9"), "eth9"));
        assertEquals(4, e.exitCode());
        assertTrue(e.getMessage().contains("sudo"), e.getMessage());
    }

    @Test
    void noHelperIsExitFourNamingSudoAndTheGroup() {
        System.setProperty(HelperCapture.PATH_PROPERTY, dir.resolve("absent").toString());
        NetkitException e = assertThrows(NetkitException.class, () -> HelperCapture.open(CaptureOptions.on("eth9"),
                "eth9"));
        assertEquals(4, e.exitCode());
        assertTrue(e.getMessage().contains("sudo netkit privileges install") && e.getMessage().contains("group netkit"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("setcap") && !e.getMessage().contains("java"), e.getMessage());
        NetkitException bad = assertThrows(NetkitException.class, () -> HelperCapture.open(
                CaptureOptions.on("eth9").withFilter("icmp\nextra"), "eth9"));
        assertEquals(2, bad.exitCode());
    }
}
