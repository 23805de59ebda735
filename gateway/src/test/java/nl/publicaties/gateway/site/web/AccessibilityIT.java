package nl.publicaties.gateway.site.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.SLUG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every page type, as Debian's chromium renders it, has no axe-core violation at WCAG 2.1 AA (tags wcag2a,
 * wcag2aa, wcag21a, wcag21aa), can be used with the keyboard (skip link first, every link reachable, focus
 * visible) and reflows at 320 px. The browser is driven by playwright-core from {@code src/test/js/axe-pages.mjs},
 * installed with {@code npm ci} from the committed lock file into {@code target/accessibility}. Skipped, with the
 * reason, only where node or chromium is missing (CI installs both, see README).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityIT implements TestPropertyProvider {

    private static final Path SCRIPTS = Path.of("src/test/js");
    private static final Path WORK = Path.of("target/accessibility");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final long PAGE_TIMEOUT_SECONDS = 120;

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private String skipReason;
    private Process browser;
    private Writer toBrowser;
    private BufferedReader fromBrowser;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend(
                "gateway.stats-circuit.failure-threshold", "1000");
    }

    @BeforeAll
    void startBrowser() throws Exception {
        if (!runs("node", "--version")) {
            skipReason = "SKIPPED: no `node` on PATH, axe-core cannot run (CI installs it: see gateway/README.md)";
        } else if (!Files.isExecutable(CHROMIUM)) {
            skipReason = "SKIPPED: no chromium at " + CHROMIUM + " (apt-get install -y chromium, or set CHROMIUM_PATH)";
        }
        if (skipReason != null) {
            System.out.println("AccessibilityIT " + skipReason);
            return;
        }
        installScripts();
        ProcessBuilder builder = new ProcessBuilder("node", "axe-pages.mjs")
                .directory(WORK.toFile())
                .redirectError(WORK.resolve("node-stderr.log").toFile());
        builder.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
        builder.environment().put("AXE_TMPDIR", WORK.toAbsolutePath().toString());
        browser = builder.start();
        toBrowser = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8);
        fromBrowser = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        Map<String, Object> ready = readAnswer();
        assertEquals(Boolean.TRUE, ready.get("ready"), "browser did not start: " + ready);
    }

    @BeforeEach
    void resetBackends() {
        // per test, not in @BeforeAll: so every page type shows as skipped in the report, with the reason
        Assumptions.assumeTrue(skipReason == null, skipReason);
        backends.reset();
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            toBrowser.close(); // end of input: the script closes the browser and exits
            if (!browser.waitFor(30, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        }
        backends.close();
    }

    @Test
    void givenIndexPage_whenCheckedInChromium_thenNoWcagViolationsAndKeyboardUsable() throws Exception {
        assertAccessible("index", "/", 200);
    }

    @Test
    void givenSeriesPage_whenCheckedInChromium_thenNoWcagViolationsAndKeyboardUsable() throws Exception {
        assertAccessible("series page", "/" + SLUG, 200);
    }

    @Test
    void givenStatsDown_whenSeriesPageCheckedInChromium_thenNoWcagViolationsAndKeyboardUsable() throws Exception {
        backends.statsMode = RecordedBackends.Mode.ERROR;
        assertAccessible("series page, stats down", "/" + SLUG, 200);
    }

    @Test
    void givenCatalogDownAfterAVisit_whenStaleSeriesPageChecked_thenNoWcagViolationsAndKeyboardUsable()
            throws Exception {
        assertEquals(200, new Visitor(server.getURL().toString()).get("/" + SLUG).statusCode());
        backends.catalogMode = RecordedBackends.Mode.ERROR;
        assertAccessible("series page, last good copy", "/" + SLUG, 200);
    }

    @Test
    void givenUnknownSlug_whenNotFoundPageCheckedInChromium_thenNoWcagViolationsAndKeyboardUsable()
            throws Exception {
        assertAccessible("404", "/bestaat-niet", 404);
    }

    @Test
    void givenCatalogDown_whenUnavailablePageCheckedInChromium_thenNoWcagViolationsAndKeyboardUsable()
            throws Exception {
        backends.catalogMode = RecordedBackends.Mode.ERROR;
        assertAccessible("503", "/nog-nooit-geladen", 503);
    }

    @Test
    void givenCountingMethodPage_whenCheckedInChromium_thenNoWcagViolationsAndKeyboardUsable() throws Exception {
        assertAccessible("counting method", "/over-de-downloadcijfers", 200);
    }

    @SuppressWarnings("unchecked")
    private void assertAccessible(String name, String path, int status) throws Exception {
        String url = server.getURL().toString().replaceAll("/$", "") + path;
        toBrowser.write(json.writeValueAsString(Map.of("name", name, "url", url, "keyboard", true)) + "\n");
        toBrowser.flush();
        Map<String, Object> answer = readAnswer();

        assertNull(answer.get("error"), () -> name + ": the browser run failed: " + answer.get("error"));
        assertEquals(status, ((Number) answer.get("status")).intValue(), name + ": status");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) answer.get("violations");
        assertTrue(violations.isEmpty(), () -> name + ": " + violations.size()
                + " axe-core violations at WCAG 2.1 AA:\n" + describe(violations));
        List<String> keyboard = (List<String>) answer.get("keyboardProblems");
        assertTrue(keyboard.isEmpty(), () -> name + ": keyboard problems:\n  " + String.join("\n  ", keyboard));
        List<String> reflow = (List<String>) answer.get("reflowProblems");
        assertTrue(reflow.isEmpty(), () -> name + ": problems at 320 px:\n  " + String.join("\n  ", reflow));
        assertTrue(((Number) answer.get("tabStops")).intValue() > 1, name + ": the keyboard reached nothing");
        // visible in the build log, so a run that checked nothing cannot pass unnoticed
        System.out.printf("axe-core %s: %s rules, 0 violations; %s tab stops; reflow at 320 px ok%n",
                name, answer.get("rulesRun"), answer.get("tabStops"));
    }

    @SuppressWarnings("unchecked")
    private static String describe(List<Map<String, Object>> violations) {
        return violations.stream().map(v -> "- " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + "\n"
                        + ((List<Map<String, Object>>) v.get("nodes")).stream()
                        .map(n -> "    " + n.get("target") + "  " + n.get("html") + "\n      " + n.get("summary"))
                        .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readAnswer() throws Exception {
        String line;
        try {
            line = CompletableFuture.supplyAsync(this::readLine).get(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            browser.destroyForcibly();
            throw new AssertionError("no answer from the browser in " + PAGE_TIMEOUT_SECONDS + " s\n" + nodeLog());
        }
        if (line == null) {
            fail("the browser script ended early:\n" + nodeLog());
        }
        return json.readValue(line, Map.class);
    }

    private String readLine() {
        try {
            return fromBrowser.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String nodeLog() {
        try {
            return Files.readString(WORK.resolve("node-stderr.log"));
        } catch (IOException e) {
            return "(no node log)";
        }
    }

    /** npm ci from the committed lock file, only when the lock file changed since the last install. */
    private static void installScripts() throws Exception {
        Files.createDirectories(WORK);
        Path lock = SCRIPTS.resolve("package-lock.json");
        Path installedLock = WORK.resolve("node_modules/.installed-package-lock.json");
        Files.copy(SCRIPTS.resolve("axe-pages.mjs"), WORK.resolve("axe-pages.mjs"),
                StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(installedLock) && Files.mismatch(lock, installedLock) == -1) {
            return;
        }
        Files.copy(SCRIPTS.resolve("package.json"), WORK.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, WORK.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("npm-ci.log").toFile());
        // playwright-core brings no browser; this only makes sure nothing ever tries to fetch one
        npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process process = npm.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail("npm ci failed in " + WORK + ":\n" + Files.readString(WORK.resolve("npm-ci.log")));
        }
        Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
