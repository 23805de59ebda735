package nl.publicaties.download.recording;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pseudonymous visitor keys: HMAC-SHA256 of client address and user agent under a secret for the UTC day.
 * <p>
 * Every instance uses the same secret for a day, so a visitor who clicks twice and reaches two instances gets
 * one key (the stats service's double-click and unique-visitor rules compare keys). The secret is agreed on
 * through Kafka by {@code VisitorSecretExchange}, which hands it here with {@link #adopt}; until then, or while
 * Kafka cannot be reached, an instance makes a secret of its own for the day ({@link #isShared} is false and its
 * keys match no other instance's). Across days, or from a key alone, nobody can get back to the address or link
 * two keys: a day's secret is dropped after its day ({@link #forgetBefore}) and never logged or written to disk.
 */
@Component
public class VisitorKeys {

    private static final Logger log = LoggerFactory.getLogger(VisitorKeys.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 16;
    public static final int SECRET_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<LocalDate, DailySecret> secrets = new ConcurrentHashMap<>();

    public VisitorKeys(Clock clock) {
        this.clock = clock;
    }

    /** 22 base64url characters (128 bits of the HMAC) under today's secret. */
    public String keyFor(String clientAddress, String userAgent) {
        return keyFor(clock.instant(), clientAddress, userAgent);
    }

    /**
     * The key under the secret of the UTC day of {@code at}: a download's event time and its key belong to the
     * same day, also when the day turns between reading the clock and making the key.
     */
    public String keyFor(Instant at, String clientAddress, String userAgent) {
        DailySecret secret = secretFor(LocalDate.ofInstant(at, ZoneOffset.UTC));
        Mac mac = secret.borrow();
        mac.update(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0); // separator: ("ab","c") and ("a","bc") must differ
        mac.update(String.valueOf(userAgent).getBytes(StandardCharsets.UTF_8));
        byte[] hmac = mac.doFinal();
        secret.giveBack(mac); // doFinal reset it
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hmac, KEY_BYTES));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * From now on keys for {@code day} are made with the secret all instances agreed on. Replaces a secret this
     * instance made alone (its keys for the day so far match no other instance's: logged).
     */
    public void adopt(LocalDate day, byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a visitor secret has " + SECRET_BYTES + " bytes, not " + secret.length);
        }
        DailySecret shared = new DailySecret(day, secret, true);
        DailySecret before = secrets.put(day, shared);
        if (before != null && !before.shared) {
            log.warn("Visitor keys of {} are made with the shared secret from now on; keys this instance made "
                    + "earlier that day with its own secret match no other instance's", day);
        }
    }

    /** True when keys for {@code day} are made with the secret every instance shares. */
    public boolean isShared(LocalDate day) {
        DailySecret secret = secrets.get(day);
        return secret != null && secret.shared;
    }

    /** Drops the secrets of every day before {@code day}: keys of those days can never be made again. */
    public void forgetBefore(LocalDate day) {
        secrets.keySet().removeIf(known -> known.isBefore(day));
    }

    /** The days this instance holds a secret for (at most yesterday's until it is forgotten, today's, tomorrow's). */
    public Optional<LocalDate> oldestDay() {
        return secrets.keySet().stream().min(LocalDate::compareTo);
    }

    private DailySecret secretFor(LocalDate day) {
        DailySecret known = secrets.get(day);
        if (known != null) {
            return known;
        }
        return secrets.computeIfAbsent(day, missing -> {
            log.warn("No shared visitor secret for {} yet (Kafka not reached): this instance makes its own, so its "
                    + "visitor keys match no other instance's until the shared one arrives", missing);
            byte[] bytes = new byte[SECRET_BYTES];
            random.nextBytes(bytes);
            return new DailySecret(missing, bytes, false);
        });
    }

    /**
     * A day's secret with its own pool of initialised {@link Mac}s ({@code Mac.getInstance} looks the algorithm
     * up among the security providers, which costs more than the HMAC itself). The pool hangs off the secret, so
     * when the secret is dropped its Macs — which hold the key — go with it; a per-thread cache would keep them
     * in every thread that served a request that day.
     */
    private static final class DailySecret {
        private final LocalDate day;
        private final SecretKeySpec key;
        private final boolean shared;
        private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();

        private DailySecret(LocalDate day, byte[] secret, boolean shared) {
            this.day = day;
            this.key = new SecretKeySpec(secret, ALGORITHM);
            this.shared = shared;
        }

        Mac borrow() {
            Mac mac = macs.poll();
            if (mac != null) {
                return mac;
            }
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JVM has " + ALGORITHM, e);
            }
        }

        void giveBack(Mac mac) {
            macs.offer(mac);
        }

        @Override
        public String toString() {
            return "DailySecret[" + day + (shared ? ", shared]" : ", own]");
        }
    }
}
