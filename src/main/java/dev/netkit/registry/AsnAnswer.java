package dev.netkit.registry;

/**
 * One row of {@code netkit asn}: a query and one origin of it (an address or prefix can have several), or an AS's
 * own record, or why there is nothing. Fields the zone did not give are null.
 *
 * @param query    the query as given
 * @param asn      the AS number, or -1 when none was found
 * @param prefix   the BGP prefix (address queries only)
 * @param note     why there is no answer: "private", "reserved", "unknown", "no such AS" or the DNS failure
 * @param answered false when the DNS did not answer at all (timeout, unreachable)
 */
public record AsnAnswer(String query, long asn, String prefix, String country, String registry, String allocated,
                        String name, String note, boolean answered) {

    /** Every row of {@code query}: one per origin AS, or one saying why there is none. */
    public static java.util.List<AsnAnswer> of(RegistryQuery query, AsnResolver resolver) {
        try {
            if (query.kind() == RegistryQuery.Kind.AS) {
                return java.util.List.of(resolver.asName(query.asn())
                        .map(a -> new AsnAnswer(query.text(), a.asn(), null, a.country(), a.registry(), a.allocated(),
                                a.name(), null, true))
                        .orElse(new AsnAnswer(query.text(), -1, null, null, null, null, null, "no such AS", true)));
            }
            java.util.List<AsnResolver.Origin> origins = resolver.origins(query.address());
            if (origins.isEmpty()) {
                return java.util.List.of(new AsnAnswer(query.text(), -1, null, null, null, null, null,
                        AsnResolver.classify(query.address()), true));
            }
            java.util.List<AsnAnswer> rows = new java.util.ArrayList<>();
            for (AsnResolver.Origin o : origins) {
                String name = resolver.asName(o.asn()).map(AsnResolver.AsName::name).orElse(null);
                rows.add(new AsnAnswer(query.text(), o.asn(), o.prefix(), o.country(), o.registry(), o.allocated(),
                        name, null, true));
            }
            return rows;
        } catch (AsnResolver.Unanswered e) {
            return java.util.List.of(new AsnAnswer(query.text(), -1, null, null, null, null, null,
                    e.getMessage(), false));
        }
    }

    /** True when an AS was found. */
    public boolean found() {
        return asn >= 0;
    }
}
