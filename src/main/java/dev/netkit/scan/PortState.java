package dev.netkit.scan;

/** A port's state as nmap defines it. */
public enum PortState {
    OPEN("open"), CLOSED("closed"), FILTERED("filtered"), OPEN_FILTERED("open|filtered"),
    /** The ACK scan's answer: a reset came, so no firewall dropped the probe (open or closed, unknown). */
    UNFILTERED("unfiltered");

    private final String text;

    PortState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
