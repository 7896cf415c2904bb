package dev.netkit.system;

import dev.netkit.JsonTree;
import dev.netkit.NetkitException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** iproute2's {@code ip -j} output, which the tests compare netkit's kernel views with. */
public final class IpJson {
    private IpJson() {
    }

    /** Parses a JSON array of objects (ip prints {@code []} or nothing when there is nothing). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parseArray(String json) {
        if (json.isBlank()) {
            return List.of();
        }
        try {
            Object v = JsonTree.parseValue(json);
            if (!(v instanceof List<?> l)) {
                throw new NetkitException(1, "ip printed JSON that is not an array");
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
            return out;
        } catch (IOException e) {
            throw new NetkitException(1, "ip printed malformed JSON: " + JsonTree.describe(e));
        }
    }
}
