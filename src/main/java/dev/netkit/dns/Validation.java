package dev.netkit.dns;

/**
 * What DNSSEC validation concluded about an answer (RFC 4035 section 4.3).
 *
 * @param status "secure" (a chain of signatures from a trust anchor), "insecure" (provably unsigned),
 *               "bogus" (signatures that should be there are missing, expired or wrong) or "indeterminate"
 * @param reason dnsjava's validator's explanation, or null when it gave none
 */
public record Validation(String status, String reason) {
}
