package dev.netkit.dns;

import dev.netkit.system.ResolvConf;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

import java.util.ArrayList;
import java.util.List;

/** resolv.conf's search list and ndots applied to a name the user typed, as the C resolver and dig +search do. */
public final class SearchList {
    private SearchList() {
    }

    /**
     * The names to try for what the user typed, in order: an absolute name (trailing dot) as it is; a name
     * with at least ndots dots as it is first, then with each search domain; a shorter one with the search
     * domains first. A search domain that is not a name is skipped.
     */
    public static List<Name> candidates(ResolvConf conf, String typed) throws TextParseException {
        Name asIs = Name.fromString(typed, Name.root);
        List<Name> search = domains(conf);
        if (typed.endsWith(".") || search.isEmpty()) {
            return List.of(asIs);
        }
        Name relative = Name.fromString(typed);
        List<Name> out = new ArrayList<>();
        long dots = typed.chars().filter(c -> c == '.').count();
        if (dots >= conf.ndots()) {
            out.add(asIs);
        }
        for (Name domain : search) {
            try {
                Name n = Name.concatenate(relative, domain);
                if (!out.contains(n)) {
                    out.add(n);
                }
            } catch (NameTooLongException e) {
                // too long with this domain: skipped
            }
        }
        if (!out.contains(asIs)) {
            out.add(asIs);
        }
        return out;
    }

    private static List<Name> domains(ResolvConf conf) {
        List<Name> out = new ArrayList<>();
        for (String d : conf.search()) {
            try {
                out.add(Name.fromString(d, Name.root));
            } catch (TextParseException e) {
                // not a name: skipped
            }
        }
        return out;
    }
}
