package nl.publicaties.stats.counting;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every counting policy version this build can count under. A version, once figures were served under it,
 * never changes meaning: new rules or a new robots list make a new version (and a rebuild).
 */
public final class CountingPolicies {

    /** COUNTER R5.1 for one item: status rules, robots list of 2019-08-06, 30-second double-click filter. */
    public static final String V1 = "1.0";

    /** The foundation's rules: status and range only. Kept so series counted under it stay explainable. */
    public static final String V0_1 = "0.1";

    private final Map<String, CountingPolicy> byVersion = new LinkedHashMap<>();

    public CountingPolicies() {
        byVersion.put(V0_1, new CountingPolicy(V0_1, null, null));
        byVersion.put(V1, new CountingPolicy(V1, RobotList.load("2019-08-06"), Duration.ofSeconds(30)));
    }

    public Optional<CountingPolicy> find(String version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    public CountingPolicy get(String version) {
        return find(version).orElseThrow(() -> new IllegalArgumentException(
                "unknown counting policy version " + version + "; known: " + byVersion.keySet()));
    }

    public List<String> versions() {
        return List.copyOf(byVersion.keySet());
    }
}
