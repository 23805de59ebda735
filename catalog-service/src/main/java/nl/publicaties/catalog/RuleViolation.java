package nl.publicaties.catalog;

/**
 * A command broke a rule of the catalog. Thrown by aggregates before any event is applied, so nothing
 * changed; the message says which rule, in terms an editor understands.
 */
public abstract class RuleViolation extends RuntimeException {

    protected RuleViolation(String message) {
        super(message);
    }
}
