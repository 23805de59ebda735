package nl.publicaties.stats.counting;

import java.time.Duration;
import java.util.Optional;
import nl.publicaties.contracts.download.DownloadRequested;

/**
 * The rules that decide which download events count, under a version that is served with every figure: a
 * figure means nothing without the rules that produced it. See docs/counting.md.
 *
 * <p>{@link #evaluate} applies the rules that need no other event (method, status, range, robots). The
 * double-click filter needs the visitor's other clicks and lives in {@link DoubleClickFilter}; this policy only
 * says whether it applies and with which window. Everything here is pure, so a replay under the same version
 * gives the same figures.
 */
public final class CountingPolicy {

    private final String version;
    private final RobotList robots;
    private final Duration doubleClickWindow;

    /**
     * @param robots            null: no robot filter
     * @param doubleClickWindow null: no double-click filter
     */
    public CountingPolicy(String version, RobotList robots, Duration doubleClickWindow) {
        this.version = version;
        this.robots = robots;
        this.doubleClickWindow = doubleClickWindow;
    }

    public String version() {
        return version;
    }

    public Optional<RobotList> robots() {
        return Optional.ofNullable(robots);
    }

    public Optional<Duration> doubleClickWindow() {
        return Optional.ofNullable(doubleClickWindow);
    }

    /**
     * The outcome on the event's own merits. {@link Outcome#COUNTED} here means "a candidate click": the
     * double-click filter may still exclude it.
     */
    public Outcome evaluate(DownloadRequested event) {
        if (!"GET".equalsIgnoreCase(event.method())) {
            return Outcome.excluded(ExclusionReason.NOT_A_GET);
        }
        Outcome byStatus = switch (event.status()) {
            case 200, 304 -> Outcome.COUNTED;
            case 206 -> Long.valueOf(0L).equals(event.rangeStart())
                    ? Outcome.COUNTED
                    : Outcome.excluded(ExclusionReason.RANGE_NOT_FROM_START);
            default -> Outcome.excluded(ExclusionReason.STATUS_NOT_COUNTED);
        };
        if (!byStatus.counted()) {
            return byStatus;
        }
        if (robots != null && robots.matches(event.userAgent())) {
            return Outcome.excluded(ExclusionReason.ROBOT);
        }
        return Outcome.COUNTED;
    }
}
