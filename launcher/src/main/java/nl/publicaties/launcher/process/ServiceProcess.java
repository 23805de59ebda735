package nl.publicaties.launcher.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One service as its own JVM, its output in a log file, ready when its health URL answers 200. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final String name;
    private final Process process;
    private final Path log;
    private final URI health;
    private volatile boolean stopping;

    private ServiceProcess(String name, Process process, Path log, URI health) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.health = health;
    }

    /**
     * Starts {@code java -jar jar} with the given environment added to this process's own, so anything the
     * user exported reaches the service too.
     */
    public static ServiceProcess start(String name, Path jar, String heap, Map<String, String> env, Path workDir,
                                       Path logDir, URI health) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(name, builder.start(), log, health);
        service.process.onExit().thenAccept(p -> {
            if (!service.stopping) {
                System.err.printf("%s stopped unexpectedly (exit code %d); see %s%n", name, p.exitValue(), log);
            }
        });
        return service;
    }

    /** Waits until the health URL answers 200; fails early when the process dies. */
    public Duration awaitReady(Instant started, Duration timeout) throws InterruptedException {
        Instant deadline = started.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting; see " + log);
            }
            if (answersOk(health)) {
                return Duration.between(started, Instant.now());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    public static boolean answersOk(URI uri) {
        return status(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build()) == 200;
    }

    public static boolean answersHeadOk(URI uri) {
        return status(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()) == 200;
    }

    /** The body of a GET answered 200, or empty when the server is not (yet) answering that way. */
    public static Optional<String> bodyIfOk(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Asks the service to stop (SIGTERM: Spring and Micronaut shut down gracefully), then insists. */
    public void beginStop() {
        stopping = true;
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        beginStop();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            System.err.printf("%s did not stop within 20 s; killing it%n", name);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
