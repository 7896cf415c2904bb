package dev.netkit.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** whois's and rdap's {@code -w/--timeout}: how long to wait to connect and for each read, 1 to 300 s. */
final class RegistryTimeoutMixin {
    @Option(names = {"-w", "--timeout"}, paramLabel = "SECONDS", description = "Connect and read timeout (default 10).")
    int timeout = 10;

    /** The timeout; exit 2 when it is out of range. */
    Duration checked() {
        OptionRange.wholeSeconds(1, 300).check("-w", timeout);
        return Duration.ofSeconds(timeout);
    }
}
