package dev.netkit.packet;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Test vectors as hex strings, and the one round-trip check that prints a hex diff on failure. */
final class Vectors {
    private Vectors() {
    }

    /** Bytes from hex with optional spaces and newlines. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static Inet4Address v4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Inet6Address v6(String text) {
        try {
            return Inet6Address.getByAddress(null, InetAddress.getByName(text).getAddress(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Asserts that {@code rebuilt} (a parsed vector emitted again) equals the captured bytes; on failure
     * prints both as 16-byte hex rows with the differing bytes marked.
     */
    static void assertRebuilds(String vector, byte[] captured, byte[] rebuilt) {
        if (java.util.Arrays.equals(captured, rebuilt)) {
            return;
        }
        StringBuilder s = new StringBuilder(vector).append(": rebuilt ").append(rebuilt.length)
                .append(" bytes differ from the ").append(captured.length).append(" captured\n");
        int n = Math.max(captured.length, rebuilt.length);
        for (int row = 0; row < n; row += 16) {
            StringBuilder want = new StringBuilder();
            StringBuilder got = new StringBuilder();
            StringBuilder mark = new StringBuilder();
            for (int i = row; i < Math.min(n, row + 16); i++) {
                String w = i < captured.length ? String.format("%02x", captured[i]) : "--";
                String g = i < rebuilt.length ? String.format("%02x", rebuilt[i]) : "--";
                want.append(w).append(' ');
                got.append(g).append(' ');
                mark.append(w.equals(g) ? "   " : "^^ ");
            }
            s.append(String.format("%04x want %s%n     got  %s%n          %s%n", row, want, got, mark));
        }
        fail(s.toString());
    }
}
