package nl.publicaties.stats.counting;

/** What the counting policy decided for one download event: counted, or excluded for a reason. */
public record Outcome(ExclusionReason exclusion) {

    public static final Outcome COUNTED = new Outcome(null);

    public static Outcome excluded(ExclusionReason reason) {
        return new Outcome(reason);
    }

    public boolean counted() {
        return exclusion == null;
    }

    /** The value stored in the ledger: {@code counted} or the exclusion reason's code. */
    public String code() {
        return counted() ? "counted" : exclusion.code();
    }
}
