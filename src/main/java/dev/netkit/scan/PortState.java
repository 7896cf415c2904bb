package dev.netkit.scan;

/** A port's state as nmap defines it. */
public enum PortState {
    OPEN("open"), CLOSED("closed"), FILTERED("filtered"), OPEN_FILTERED("open|filtered");

    private final String text;

    PortState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
