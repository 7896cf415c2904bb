package dev.netkit.dns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Unpredictable query ids and source ports (RFC 5452) from the kernel's CSPRNG, read 4 KiB at a time: a
 * batch asks for thousands, and SecureRandom's default (NativePRNG) hashes every call with SHA-1.
 */
final class RandomBits {
    private static final byte[] BUF = new byte[4096];
    private static int pos = BUF.length;

    /** Made only where /dev/urandom is missing: a SecureRandom costs start-up time. */
    private static final class Fallback {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private RandomBits() {
    }

    /** A uniformly random int in [0, bound), bound <= 65536. */
    static synchronized int below(int bound) {
        int limit = 65536 - 65536 % bound; // rejection keeps it uniform
        while (true) {
            if (pos + 2 > BUF.length) {
                refill();
            }
            int v = ((BUF[pos] & 0xff) << 8) | (BUF[pos + 1] & 0xff);
            pos += 2;
            if (v < limit) {
                return v % bound;
            }
        }
    }

    private static void refill() {
        try (InputStream in = Files.newInputStream(Path.of("/dev/urandom"))) {
            if (in.readNBytes(BUF, 0, BUF.length) == BUF.length) {
                pos = 0;
                return;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no /dev/urandom (not Linux): SecureRandom below
        }
        Fallback.RANDOM.nextBytes(BUF);
        pos = 0;
    }
}
