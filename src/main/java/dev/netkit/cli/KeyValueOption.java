package dev.netkit.cli;

/**
 * A query option written as one word, {@code key} or {@code key=value}: dig's {@code +time=2} (after the plus) and
 * nslookup's {@code -type=mx} or {@code set type=mx} (after the dash or the set).
 *
 * @param value what follows the first '=', or null when there is no '='
 */
record KeyValueOption(String key, String value) {
    static KeyValueOption parse(String word) {
        int eq = word.indexOf('=');
        return eq < 0 ? new KeyValueOption(word, null)
                : new KeyValueOption(word.substring(0, eq), word.substring(eq + 1));
    }
}
