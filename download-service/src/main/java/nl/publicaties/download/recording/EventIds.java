package nl.publicaties.download.recording;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Unique without
 * coordination like {@link UUID#randomUUID()}, but drawn from a per-thread generator instead of the shared
 * {@code SecureRandom} (a lock and a read of {@code /dev/urandom} per id, on every download); an event id
 * needs uniqueness, not secrecy. Time-ordered too, which keeps the consumers' dedup index appends local.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
