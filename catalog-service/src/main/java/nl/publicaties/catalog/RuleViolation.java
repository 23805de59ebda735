package nl.publicaties.catalog;

/**
 * A command broke a rule of the catalog. Thrown by aggregates before any event is applied, so nothing
 * changed; the message says which rule, in terms an editor understands. The API answers 422, or 409 for a
 * {@link StateConflict}.
 */
public abstract class RuleViolation extends RuntimeException {

    protected RuleViolation(String message) {
        super(message, null, false, false);
    }

    /** The command is well-formed but clashes with what already happened (e.g. publishing twice). */
    public abstract static class StateConflict extends RuleViolation {
        protected StateConflict(String message) {
            super(message);
        }
    }
}
