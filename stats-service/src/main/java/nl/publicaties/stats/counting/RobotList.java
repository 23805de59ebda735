package nl.publicaties.stats.counting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The COUNTER robots list: user agents whose requests are not usage. Loaded from versioned data in the
 * repository (one pattern a line), matched case-insensitively anywhere in the User-Agent.
 *
 * <p>Patterns are kept apart rather than joined into one alternation, so that a broken pattern in an update
 * names itself. Results are cached per user agent: real traffic repeats a few hundred agents.
 */
public final class RobotList {

    private static final int CACHE_LIMIT = 10_000;

    private final String version;
    private final List<Pattern> patterns;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

    RobotList(String version, List<String> patterns) {
        this.version = version;
        List<Pattern> compiled = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            compiled.add(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        this.patterns = List.copyOf(compiled);
    }

    /** Reads {@code robots/counter-robots-<version>.txt} from the classpath. */
    public static RobotList load(String version) {
        String resource = "robots/counter-robots-" + version + ".txt";
        try (InputStream in = RobotList.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("robots list " + resource + " is not on the classpath");
            }
            List<String> patterns = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        patterns.add(line);
                    }
                }
            }
            return new RobotList(version, patterns);
        } catch (IOException e) {
            throw new UncheckedIOException("robots list " + resource + " unreadable", e);
        }
    }

    public String version() {
        return version;
    }

    public int size() {
        return patterns.size();
    }

    /**
     * A missing User-Agent is matched as the empty one, which the list's {@code ^.?$} names: a web server log
     * (the list's origin) shows an absent header as "-".
     */
    public boolean matches(String header) {
        String userAgent = header == null ? "" : header;
        Boolean known = cache.get(userAgent);
        if (known != null) {
            return known;
        }
        boolean robot = patterns.stream().anyMatch(pattern -> pattern.matcher(userAgent).find());
        if (cache.size() < CACHE_LIMIT) {
            cache.put(userAgent, robot);
        }
        return robot;
    }
}
