package nl.publicaties.stats.series.command;

import java.util.List;

/** A rebuild was asked under a counting policy version this build does not know. */
public class UnknownPolicyException extends RuntimeException {

    private final List<String> known;

    public UnknownPolicyException(String version, List<String> known) {
        super("Unknown counting policy version '" + version + "'; known: " + known + ".");
        this.known = List.copyOf(known);
    }

    public List<String> known() {
        return known;
    }
}
