package dev.netkit.probe;

/** Path-MTU discovery as ping's -M: do (set DF, never fragment), dont (allow fragmentation), want (kernel default). */
public enum PmtuMode {
    DO, DONT, WANT
}
