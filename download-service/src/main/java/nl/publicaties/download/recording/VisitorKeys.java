package nl.publicaties.download.recording;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Pseudonymous visitor keys: HMAC-SHA256 of client address and user agent under a random secret that exists
 * only in this process's memory and is replaced at every UTC midnight. The same visitor gets the same key for
 * one day on one instance (enough for a counting policy to spot repeats); across days, or from the key alone,
 * nobody can get back to the address. The secret is never logged, stored or sent anywhere.
 */
@Component
public class VisitorKeys {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 16;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<DailySecret> current = new AtomicReference<>();
    /**
     * A Mac per request thread, initialised with the secret it was last used with: {@code Mac.getInstance}
     * looks the algorithm up among the security providers, which costs more than the HMAC itself.
     */
    private final ThreadLocal<KeyedMac> macs = new ThreadLocal<>();

    public VisitorKeys(Clock clock) {
        this.clock = clock;
    }

    /** 22 base64url characters (128 bits of the HMAC). */
    public String keyFor(String clientAddress, String userAgent) {
        DailySecret secret = secretFor(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        try {
            Mac mac = macFor(secret);
            mac.update(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // separator: ("ab","c") and ("a","bc") must differ
            mac.update(String.valueOf(userAgent).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac.doFinal(), KEY_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }

    private Mac macFor(DailySecret secret) throws GeneralSecurityException {
        KeyedMac known = macs.get();
        if (known != null && known.secret == secret) {
            return known.mac; // doFinal reset it
        }
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(secret.key);
        macs.set(new KeyedMac(secret, mac));
        return mac;
    }

    private record KeyedMac(DailySecret secret, Mac mac) {
    }

    private DailySecret secretFor(LocalDate day) {
        while (true) {
            DailySecret known = current.get();
            if (known != null && known.day.equals(day)) {
                return known;
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            DailySecret fresh = new DailySecret(day, new SecretKeySpec(bytes, ALGORITHM));
            if (current.compareAndSet(known, fresh)) {
                return fresh;
            }
        }
    }

    private static final class DailySecret {
        private final LocalDate day;
        private final SecretKeySpec key;

        private DailySecret(LocalDate day, SecretKeySpec key) {
            this.day = day;
            this.key = key;
        }

        @Override
        public String toString() {
            return "DailySecret[" + day + "]";
        }
    }
}
