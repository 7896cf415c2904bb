package dev.netkit.registry;

/**
 * The origin AS of an address: its number and name from a Team Cymru-style TXT lookup, or why there is none
 * ("private", "reserved", "unknown").
 */
public record Asn(long number, String name, String note) {
    public static Asn none(String note) {
        return new Asn(0, null, note);
    }

    /** "AS64501" or the note, as the text output shows it. */
    public String label() {
        return number > 0 ? "AS" + number : note;
    }
}
