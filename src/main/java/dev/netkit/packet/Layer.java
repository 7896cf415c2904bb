package dev.netkit.packet;

/** One decoded protocol header of a {@link Frame}, outermost first (the layering of RFC 1122 section 1.3.3). */
public interface Layer {
}
