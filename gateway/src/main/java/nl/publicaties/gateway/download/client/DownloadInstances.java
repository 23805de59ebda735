package nl.publicaties.gateway.download.client;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The download-service instances behind {@code /documents}, taken in turn. Every URL in {@code DOWNLOAD_URL} is
 * resolved again each round, and each address its host name stands for is an instance of its own: with
 * {@code docker compose up --scale download-service=3} the one name {@code download-service} answers with three
 * addresses, and each replica is checked and used on its own instead of whichever one the name happens to reach.
 * An instance gets requests only while its readiness ({@code /actuator/health/readiness}) answers 200, so a
 * replica that is still reading the catalog, or whose spool is nearly full, is left out until it is ready.
 * <p>
 * A host name with IPv4 addresses uses only those (Docker's answers; {@code localhost} also stands for
 * {@code ::1}, where a service listening on IPv4 alone is not). When a name cannot be resolved, the addresses it
 * had last time stay: a DNS hiccup does not take every instance away.
 */
@Context
public class DownloadInstances {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadInstances.class);

    private final List<URI> configured;
    private final HostAddresses hosts;
    private final HttpClient client;
    private final TaskScheduler scheduler;
    private final boolean perAddress;
    private final boolean healthCheck;
    private final String healthCheckUri;
    private final Duration interval;
    private final Duration checkTimeout;
    /** The addresses each configured URL resolved to last; kept when a later resolution fails. */
    private final Map<URI, List<URI>> resolved = new HashMap<>();
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<ServiceInstance> usable = List.of();
    private volatile Set<URI> lastUsable = Set.of();
    private volatile int found;
    private ScheduledFuture<?> rounds;

    public DownloadInstances(@Value("${micronaut.http.services.download.urls}") List<URI> configured,
                             HostAddresses hosts, @Client(id = "download") HttpClient client,
                             @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                             @Value("${gateway.download-instances.per-address:true}") boolean perAddress,
                             @Value("${gateway.download-instances.health-check:true}") boolean healthCheck,
                             @Value("${gateway.download-instances.health-check-uri:/actuator/health/readiness}")
                             String healthCheckUri,
                             @Value("${gateway.download-instances.health-check-interval:5s}") Duration interval,
                             @Value("${gateway.download-instances.health-check-timeout:2s}") Duration checkTimeout) {
        if (configured.isEmpty()) {
            throw new IllegalStateException("micronaut.http.services.download.urls (DOWNLOAD_URL) is not set");
        }
        this.configured = List.copyOf(configured);
        this.hosts = hosts;
        this.client = client;
        this.scheduler = scheduler;
        this.perAddress = perAddress;
        this.healthCheck = healthCheck;
        this.healthCheckUri = healthCheckUri;
        this.interval = interval;
        this.checkTimeout = checkTimeout;
    }

    @PostConstruct
    void start() {
        rounds = scheduler.scheduleWithFixedDelay(Duration.ZERO, interval, this::round);
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(true);
        }
    }

    /**
     * The next usable instance in turn that is not in {@code avoid} (instances that refused this request
     * already); when every usable instance is in it, the next of all of them. Until the first round of look-ups
     * and checks is done (a moment after the gateway starts) a request waits for it rather than fail, at most the
     * check timeout. With none usable it fails with {@link NoAvailableServiceException}, which the proxy answers
     * with its "download unavailable" page.
     */
    public Mono<ServiceInstance> next(Set<URI> avoid) {
        Mono<ServiceInstance> next = Mono.defer(() -> {
            List<ServiceInstance> others = usableExcept(avoid);
            List<ServiceInstance> instances = others.isEmpty() ? usable : others;
            return instances.isEmpty()
                    ? Mono.error(new NoAvailableServiceException("download"))
                    : Mono.just(instances.get(Math.floorMod(turn.getAndIncrement(), instances.size())));
        });
        return firstRound.isDone() ? next
                : Mono.fromFuture(firstRound, true).timeout(checkTimeout.plusSeconds(1), Mono.empty()).then(next);
    }

    /** Whether a usable instance is not in {@code tried}. */
    public boolean anyOtherThan(Set<URI> tried) {
        return !usableExcept(tried).isEmpty();
    }

    /** How many instances the last round found, and how many of them take requests now. */
    public Counts counts() {
        return new Counts(found, usable.size());
    }

    @Serdeable
    public record Counts(int found, int ready) {
    }

    /**
     * An instance that gave no answer: no requests until its next check passes. The last usable one stays (with
     * nothing else to try, a request may as well try it again).
     */
    public synchronized void unreachable(ServiceInstance instance) {
        List<ServiceInstance> others = usableExcept(Set.of(instance.getURI()));
        if (!others.isEmpty()) {
            usable = others;
        }
    }

    private List<ServiceInstance> usableExcept(Set<URI> excluded) {
        List<ServiceInstance> instances = usable;
        return excluded.isEmpty() ? instances
                : instances.stream().filter(instance -> !excluded.contains(instance.getURI())).toList();
    }

    private void round() {
        try {
            List<URI> targets = new ArrayList<>();
            for (URI url : configured) {
                targets.addAll(resolve(url));
            }
            List<URI> ready = healthCheck ? ready(targets) : targets;
            found = targets.size();
            List<ServiceInstance> instances = ready.stream().map(uri -> ServiceInstance.of("download", uri)).toList();
            synchronized (this) {
                usable = instances;
            }
            Set<URI> now = new LinkedHashSet<>(ready);
            if (!now.equals(lastUsable)) {
                LOG.info("download-service instances in use: {} of {} found {}", now, targets.size(),
                        healthCheck ? "and checked" : "(health check off)");
                lastUsable = now;
            }
        } catch (Throwable e) { // a scheduled task that throws is never run again
            LOG.warn("Could not look up or check the download-service instances", e);
        } finally {
            firstRound.complete(null);
        }
    }

    private List<URI> resolve(URI url) {
        if (!perAddress || !expandable(url)) {
            return List.of(url);
        }
        try {
            List<URI> targets = targets(url, hosts.of(url.getHost()));
            resolved.put(url, targets);
            return targets;
        } catch (UnknownHostException e) {
            List<URI> before = resolved.getOrDefault(url, List.of());
            LOG.warn("Cannot resolve {} ({}); keeping the {} addresses it had", url.getHost(), e.getMessage(),
                    before.size());
            return before;
        }
    }

    /** The readiness of every target at once, each within the check timeout; the ready ones, in order. */
    private List<URI> ready(List<URI> targets) {
        List<Boolean> answers = Flux.fromIterable(targets)
                .flatMapSequential(target -> Mono.from(client.exchange(HttpRequest.GET(target.resolve(healthCheckUri)),
                                String.class))
                        .map(response -> response.code() == 200)
                        .timeout(checkTimeout)
                        .onErrorReturn(false)
                        .defaultIfEmpty(false))
                .collectList()
                .block(checkTimeout.plusSeconds(1));
        List<URI> ready = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (answers != null && Boolean.TRUE.equals(answers.get(i))) {
                ready.add(targets.get(i));
            }
        }
        return ready;
    }

    /**
     * Only a plain {@code http} URL whose host is a name: over https the certificate is checked against the name,
     * and a host Java's URI cannot parse (an underscore in it) is left to the HTTP client as it is.
     */
    static boolean expandable(URI url) {
        return "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null;
    }

    /**
     * One URL per address of its host, the rest of the URL unchanged; IPv4 addresses only when there are any.
     */
    static List<URI> targets(URI url, InetAddress[] addresses) {
        List<InetAddress> chosen = Arrays.stream(addresses).filter(Inet4Address.class::isInstance).toList();
        if (chosen.isEmpty()) {
            chosen = List.of(addresses);
        }
        String userInfo = url.getRawUserInfo() == null ? "" : url.getRawUserInfo() + "@";
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        List<URI> targets = new ArrayList<>();
        for (InetAddress address : new LinkedHashSet<>(chosen)) {
            // an IPv6 literal in brackets (java.net.URI takes a zone id after a raw '%')
            String host = address instanceof Inet4Address ? address.getHostAddress()
                    : "[" + address.getHostAddress() + "]";
            targets.add(URI.create(url.getScheme() + "://" + userInfo + host + port + path));
        }
        return targets;
    }
}
