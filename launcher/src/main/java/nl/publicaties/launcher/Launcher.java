package nl.publicaties.launcher;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar launcher/target/launcher.jar}: starts Kafka, PostgreSQL and the four services, prints the
 * page URL when it answers, and stops everything on Ctrl-C. Data stays under {@code ./data}.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("publicaties.root", System.getenv().getOrDefault("PUBLICATIES_ROOT", ".")));
        LaunchSettings settings = LaunchSettings.from(System.getenv(), root);
        // log4j2.xml writes the broker's and the database's own logs there.
        System.setProperty("publicaties.logs", settings.logDir().toString());
        say("Starting Publicaties; data in " + settings.dataDir() + ", logs in " + settings.logDir());

        CountDownLatch stopped = new CountDownLatch(1);
        LocalSystem[] running = new LocalSystem[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (running) {
                if (running[0] != null) {
                    say("Stopping…");
                    try {
                        running[0].close();
                    } catch (Exception e) {
                        System.err.println("while stopping: " + e);
                    }
                    say("Stopped. Data kept in " + settings.dataDir());
                }
            }
            stopped.countDown();
        }, "publicaties-stop"));

        LocalSystem system;
        try {
            system = LocalSystem.start(settings, Launcher::say);
        } catch (Exception e) {
            System.err.println("Publicaties did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        synchronized (running) {
            running[0] = system;
        }
        say("");
        say("Publicaties is ready: " + settings.pageUrl());
        say("  figures dashboard:   " + "http://localhost:" + settings.statsPort()
                + "/dashboard (analyst token in " + settings.dataDir().resolve("analyst-token") + ")");
        say("  catalog admin API:   http://localhost:" + settings.catalogPort()
                + "/swagger-ui.html (editor token in " + settings.dataDir().resolve("editor-token") + ")");
        say("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static void say(String line) {
        System.out.println(line.isEmpty() ? "" : "[" + Instant.now().toString().substring(11, 19) + "] " + line);
    }
}
