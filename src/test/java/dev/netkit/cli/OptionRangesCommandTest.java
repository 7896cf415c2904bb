package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21: every numeric option is checked one way (OptionRange), with one message shape, exit 2, one line. Per
 * command (ping and trace have theirs in PingCommandTest and TraceCommandTest), values just out of range; each is
 * refused before anything is sent, looked up or read. docs/options.md lists every option with its range.
 */
class OptionRangesCommandTest {
    private static final String[][] REFUSED = {
            {"arp", "scan", "-r", "0", "198.18.1.1"},
            {"arp", "scan", "-t", "-1", "198.18.1.1"},
            {"arp", "scan", "--interval", "-1", "198.18.1.1"},
            {"arp", "scan", "--rate", "0", "198.18.1.1"},
            {"arp", "ping", "-c", "0", "198.18.1.1"},
            {"arp", "ping", "--interval", "0", "198.18.1.1"},
            {"arp", "ping", "-w", "0", "198.18.1.1"},
            {"nc", "-w", "0", "127.0.0.1", "9"},
            {"nc", "-w", "86401", "127.0.0.1", "9"},
            {"nc", "--max-bytes", "0", "127.0.0.1", "9"},
            {"asn", "-p", "70000", "AS64501"},
            {"asn", "-w", "0", "AS64501"},
            {"whois", "-p", "0", "example.test"},
            {"whois", "-w", "301", "example.test"},
            {"host", "-p", "70000", "server.netkit.test"},
            {"host", "-W", "0", "server.netkit.test"},
            {"nslookup", "-port=70000", "server.netkit.test"},
            {"nslookup", "-timeout=0", "server.netkit.test"},
            {"nslookup", "-retry=0", "server.netkit.test"},
            {"ifaces", "--watch", "0"},
            {"ifaces", "--watch", "3601"},
            {"ifaces", "--count", "0"},
            {"sockets", "-c", "0"},
            {"sockets", "--count", "0"},
            {"scan", "-T", "6", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "-T", "-1", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--max-retries", "51", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--max-retries", "-1", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--top-ports", "0", "-sT", "127.0.0.1"},
            {"scan", "--top-ports", "65536", "-sT", "127.0.0.1"},
            {"scan", "--rate", "0", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--min-rate", "-1", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--max-rate", "200000000", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--host-timeout", "0", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--host-timeout", "0ms", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--stats-every", "-2m", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--stats-every", "999999999h", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--shard", "4/3", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "--shard", "1/0", "-sT", "-p", "1", "127.0.0.1"},
            {"scan", "-p", "70000", "-sT", "127.0.0.1"},
            {"scan", "--tls", "70000", "-sV", "-sT", "-p", "1", "127.0.0.1"},
    };

    @Test
    void outOfRangeExitsTwoInOneLineNamingTheOption() {
        for (String[] args : REFUSED) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
            String what = String.join(" ", args);
            assertEquals(ExitCode.USAGE, code, what + ": " + err);
            assertEquals("", out.toString(), what);
            assertEquals(1, err.toString().lines().count(), what + ": " + err);
            // the value refused: the word after the option, or after "=" (nslookup's -port=N)
            String option = java.util.Arrays.stream(args).filter(a -> a.startsWith("-")).findFirst().orElseThrow();
            int at = java.util.Arrays.asList(args).indexOf(option);
            String value = option.contains("=") ? option.substring(option.indexOf('=') + 1) : args[at + 1];
            assertTrue(err.toString().startsWith("netkit " + args[0]), what + ": " + err);
            assertTrue(err.toString().contains(" " + value + " is out of range: use "), what + ": " + err);
        }
    }
}
