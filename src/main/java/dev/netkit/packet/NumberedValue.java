package dev.netkit.packet;

/**
 * A protocol number with a name that keeps values it does not know (RFC 1700's "assigned numbers"):
 * two values are equal when their classes and numbers are; {@code toString()} is {@code NAME(number)}.
 */
abstract class NumberedValue {
    private final int value;
    private final String name;

    NumberedValue(int value, String name) {
        this.value = value;
        this.name = name;
    }

    /** The number on the wire. */
    public final int value() {
        return value;
    }

    /** The short name, {@code UNKNOWN} for numbers without one. */
    public final String name() {
        return name;
    }

    /** True when this number has a name in this class. */
    public final boolean isKnown() {
        return !"UNKNOWN".equals(name);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((NumberedValue) o).value == value;
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + value;
    }

    @Override
    public String toString() {
        return name + "(" + value + ")";
    }
}
