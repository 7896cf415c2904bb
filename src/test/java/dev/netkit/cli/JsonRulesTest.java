package dev.netkit.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRulesTest {
    @Test
    void nullAnywhereIsAViolation() {
        JsonRules r = new JsonRules();
        r.check("a", "{\"type\":\"neighbor\",\"ip\":\"198.18.1.1\",\"mac\":null}\n");
        r.check("b", "{\"type\":\"paths\",\"paths\":[{\"hops\":[\"198.18.1.1\",null]}]}\n");
        assertEquals(2, r.violations().size(), r.violations().toString());
        assertTrue(r.violations().get(0).startsWith("a: null at neighbor.mac: "), r.violations().toString());
        assertTrue(r.violations().get(1).startsWith("b: null at paths.paths[].hops[]: "), r.violations().toString());
    }

    @Test
    void oneTypePerObjectTypeAndKey() {
        JsonRules r = new JsonRules();
        r.check("trace 1", "{\"type\":\"hop\",\"probes\":[{\"asn\":64501},{\"asn\":\"private\"}]}");
        r.check("asn", "{\"type\":\"asn\",\"asn\":\"64501\"}\n{\"type\":\"asn\",\"asn\":64501}");
        // another object type may use the key its own way; ints and decimals are both numbers
        r.check("other", "{\"type\":\"summary\",\"asn\":true,\"rtt_ms\":1}\n{\"type\":\"summary\",\"rtt_ms\":0.5}");
        assertEquals(2, r.violations().size(), r.violations().toString());
        assertTrue(r.violations().get(0).startsWith("trace 1: hop.probes[].asn is a string, but a number in trace 1"),
                r.violations().toString());
        assertTrue(r.violations().get(1).startsWith("asn: asn.asn is a number, but a string in asn"),
                r.violations().toString());
        assertEquals(5, r.objects());
    }

    @Test
    void brokenLinesAreViolations() {
        JsonRules r = new JsonRules();
        r.check("x", "{\"type\":\"a\"\n[1]\n");
        assertEquals(2, r.violations().size(), r.violations().toString());
    }
}
