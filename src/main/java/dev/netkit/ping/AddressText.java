package dev.netkit.ping;

/** Telling address literals from names in ping's arguments. */
public final class AddressText {
    private AddressText() {
    }

    /** True when {@code text} is an address literal rather than a name. */
    public static boolean isLiteral(String text) {
        return text.matches("[0-9.]+") || text.contains(":");
    }
}
