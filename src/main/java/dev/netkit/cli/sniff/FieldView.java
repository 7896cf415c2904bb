package dev.netkit.cli.sniff;

import dev.netkit.sniff.SniffedPacket;

/** Placeholder: the -vv field view. */
final class FieldView {
    void render(SniffedPacket p, StringBuilder b, boolean bytes) {
    }
}
