package nl.publicaties.stats.counting;

import nl.publicaties.contracts.download.DownloadRequested;

/**
 * Decides which download events count. Its {@link #VERSION} is served with every figure, because a figure
 * means nothing without the rules that produced it.
 *
 * <p>Version 0.1 applies the COUNTER R5.1 rules that need no state: a GET answered 200 or 304 counts, a 206
 * only when its range starts at byte 0. Robots and double clicks (issue 5's v1) are not filtered yet.
 * Pure and stateless, so a replay under the same version gives the same figures.
 */
public final class CountingPolicy {

    public static final String VERSION = "0.1";

    public String version() {
        return VERSION;
    }

    public Outcome evaluate(DownloadRequested event) {
        if (!"GET".equalsIgnoreCase(event.method())) {
            return Outcome.excluded(ExclusionReason.NOT_A_GET);
        }
        return switch (event.status()) {
            case 200, 304 -> Outcome.COUNTED;
            case 206 -> Long.valueOf(0L).equals(event.rangeStart())
                    ? Outcome.COUNTED
                    : Outcome.excluded(ExclusionReason.RANGE_NOT_FROM_START);
            default -> Outcome.excluded(ExclusionReason.STATUS_NOT_COUNTED);
        };
    }
}
