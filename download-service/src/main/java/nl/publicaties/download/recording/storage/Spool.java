package nl.publicaties.download.recording.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, fsynced, bounded log of opaque records in segment files, read back in order by one
 * forwarder that persists how far it got.
 * <p>
 * <b>Positions</b> are byte offsets in one logical stream: a segment file is named after the position of its
 * first byte ({@code 00000000000000012345.seg}), a record never spans two segments, and the next segment
 * starts where the previous one ends. The committed position (everything before it is forwarded) lives in
 * {@code committed}, replaced atomically.
 * <p>
 * <b>Record</b> (big-endian): {@code int payloadLength | int crc32(appendedAtMillis ‖ payload) |
 * long appendedAtMillis | payload}. A crash can leave a torn last record; opening the spool finds it by
 * length or CRC and truncates the segment there, keeping every record before it.
 * <p>
 * <b>Group commit</b>: {@link #append} only queues; one writer thread takes everything queued, writes it
 * with one {@code write}, calls {@code force} once and then completes every waiting future. Under load many
 * requests share one fsync; alone a request pays one.
 */
public final class Spool implements Closeable {

    public static final int HEADER_BYTES = 16;
    /** A length beyond this is a torn or corrupt header, not a DownloadRequested. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.seg");
    private static final String COMMITTED = "committed";
    /** Held (an OS file lock) by the one process that has the spool open. */
    private static final String LOCK = "lock";
    /** Written when a spool is first opened: only a directory that has it can ever be taken over (and deleted). */
    private static final String MARKER = "publicaties-spool";
    /** Every name a spool directory holds: a directory with anything else in it is not taken over. */
    private static final Pattern SPOOL_FILE =
            Pattern.compile("\\d{20}\\.seg|committed|committed\\.tmp|lock|" + MARKER);
    /** A directory being taken over (renamed first, so that no instance opens it under its old name meanwhile). */
    private static final String TAKEN = ".taken-";
    /**
     * Spool directories this JVM holds. Checked before a lock file is even opened: on Linux, closing any channel
     * on a file releases every lock this process holds on it (POSIX record locks), so a second open-and-close in
     * the same JVM would silently drop the first one's lock.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    /** How long {@link #open} keeps trying when another process holds the directory (e.g. a take-over renaming it). */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    private static final int MAX_BATCH = 4096;
    private static final Pending[] NOTHING_WRITING = new Pending[0];

    private final Path dir;
    private final long segmentBytes;
    private final long maxBytes;
    private final LongSupplier clock;
    private final Listener listener;
    private final NavigableMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Bytes appended or queued but not yet committed: what counts against {@link #maxBytes}. */
    private final AtomicLong unforwardedBytes = new AtomicLong();
    private final AtomicLong unforwardedRecords = new AtomicLong();
    private final Object appended = new Object();
    /**
     * The writer thread's only buffer: direct, so a batch goes to the file without the JDK copying it into a
     * temporary direct buffer first, and holds any record (at most {@link #MAX_PAYLOAD_BYTES} + header).
     */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(1 << 20);
    private final Thread writer;
    private final int tornRecordsAtOpen;
    private final Held held;

    private FileChannel active;
    private volatile long activeBase;
    /** Every byte before this position is on disk (forced). Written by the writer thread only. */
    private volatile long durableEnd;
    private volatile long committed;
    /** Acknowledged by Kafka; at or beyond {@link #committed}, which is what is on disk. */
    private volatile long forwarded;
    private volatile boolean closed;
    /** {@link #close} has let go of the directory: nothing may write to it from here on. */
    private volatile boolean released;
    /**
     * Set when a failed group commit could not be undone (the segment could not be cut back to its last durable
     * record): the spool refuses every record until the service is restarted, which recovers it from disk.
     */
    private volatile IOException broken;
    /** The last group commit that failed, cleared by the next one that succeeds (for health). */
    private volatile WriteFailure writeFailure;
    private volatile long commitDelayNanos;
    /** The batch the writer is writing and forcing (empty between batches): its appends can time out too. */
    private volatile Pending[] writing = NOTHING_WRITING;
    private ScheduledExecutorService timeouts;

    /** Callbacks for metrics; the spool itself stays free of any metrics library. */
    public interface Listener {
        default void forced(int records, long nanos) {
        }

        Listener NONE = new Listener() {
        };
    }

    /** One record read back: its payload and where the next one starts. */
    public record Entry(long position, long next, long appendedAtMillis, byte[] payload) {
    }

    /** Another process (a running instance) has this spool directory open. */
    public static final class SpoolInUse extends IOException {
        SpoolInUse(String message) {
            super(message);
        }
    }

    /** The spool holds {@code maxBytes} of unforwarded records; nothing more is accepted until some are. */
    public static final class SpoolFull extends IOException {
        SpoolFull(String message) {
            super(message);
        }
    }

    /**
     * @param appendedAt written with the record (a record taken over from another spool keeps its own)
     * @param queuedAt   when it was queued here: what the append timeout measures
     */
    private record Pending(byte[] payload, long appendedAt, long queuedAt, CompletableFuture<Long> done) {
    }

    /** This process's lock on a spool directory. */
    private record Held(Path dir, FileChannel channel, FileLock lock) {

        /** Locks {@code dir} for this process; null when another process, or this one, holds it. */
        static Held tryHold(Path dir) throws IOException {
            Path key = dir.toAbsolutePath().normalize();
            if (!HELD_IN_THIS_JVM.add(key)) {
                return null;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(key.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new Held(key, channel, lock);
                }
                channel.close();
                HELD_IN_THIS_JVM.remove(key);
                return null;
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                HELD_IN_THIS_JVM.remove(key);
                throw e;
            }
        }

        /** The directory was renamed while held: the lock (on the file, not its name) stays. */
        Held movedTo(Path renamed) {
            Path key = renamed.toAbsolutePath().normalize();
            HELD_IN_THIS_JVM.add(key);
            HELD_IN_THIS_JVM.remove(dir);
            return new Held(key, channel, lock);
        }

        void release() throws IOException {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } finally {
                HELD_IN_THIS_JVM.remove(dir);
            }
        }
    }

    private Spool(Path dir, long segmentBytes, long maxBytes, LongSupplier clock, Listener listener, Held held)
            throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.listener = listener;
        this.held = held;
        try {
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap("a DownloadRequested spool of Publicaties' download-service, format 1\n"
                            .getBytes(StandardCharsets.US_ASCII)));
                    channel.force(true);
                }
                forceDirectory(); // without its marker the spool could never be taken over
            }
            this.tornRecordsAtOpen = recover();
        } catch (IOException | RuntimeException e) {
            held.release();
            throw e;
        }
        // Linux keeps 15 characters of a thread's name (/proc, top, perf): "spool-writer" and "spool-forwarder"
        // stay apart there, "download-spool-…" did not
        this.writer = new Thread(this::writeLoop, "spool-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public static Spool open(Path dir, long segmentBytes, long maxBytes, LongSupplier clock, Listener listener)
            throws IOException {
        if (segmentBytes < HEADER_BYTES + MAX_PAYLOAD_BYTES || maxBytes < segmentBytes) {
            throw new IllegalArgumentException("need segmentBytes >= " + (HEADER_BYTES + MAX_PAYLOAD_BYTES)
                    + " and maxBytes >= segmentBytes");
        }
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            Files.createDirectories(dir);
            Held held;
            try {
                held = Held.tryHold(dir);
            } catch (NoSuchFileException e) {
                held = null; // renamed away by a take-over between the two calls: a new one is made below
            }
            if (held != null) {
                return new Spool(dir, segmentBytes, maxBytes, clock, listener, held);
            }
            if (System.nanoTime() > deadline) {
                throw new SpoolInUse("spool " + dir + " is in use by another running instance: every instance "
                        + "needs a spool directory of its own (DOWNLOAD_SPOOL_DIR, DOWNLOAD_INSTANCE_ID)");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    // ---------------------------------------------------------------- appending

    /**
     * Lets a group commit wait this long after its first record before writing, so that it carries what
     * arrives meanwhile: fewer fsyncs for the same records. Only under load, when the previous group commit
     * carried more than one record; a download that finds the writer idle is written at once. The writer
     * sleeps; nobody else waits on a thread.
     */
    public void commitDelay(Duration delay) {
        this.commitDelayNanos = Math.max(0, delay.toNanos());
    }

    /**
     * Fails an append that has waited longer than {@code timeout} for its fsync (a disk that stopped answering)
     * with a {@link TimeoutException}, so that its download can be refused instead of hanging. One thread checks
     * every waiting append a few times per timeout (at most every 250 ms): a timer per append
     * ({@code CompletableFuture.orTimeout}) cost ~0.7 µs of CPU per download, scheduled by the event loop and
     * cancelled by the writer. A timed-out record still in the queue is not written (see {@link #writeLoop}); one
     * already being written when its fsync hangs may reach the disk after its download was refused.
     */
    public synchronized void appendTimeout(Duration timeout) {
        if (timeouts != null) {
            timeouts.shutdownNow();
        }
        long millis = Math.max(1, timeout.toMillis());
        long period = Math.min(250, Math.max(10, millis / 8));
        timeouts = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "spool-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timeouts.scheduleWithFixedDelay(() -> {
            try {
                failAppendsOlderThan(clock.getAsLong() - millis, millis);
            } catch (RuntimeException e) {
                log.error("Checking the spool's waiting appends failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Fails every append made before {@code cutoffMillis} that still waits. */
    private void failAppendsOlderThan(long cutoffMillis, long timeoutMillis) {
        for (Pending pending : writing) {
            if (pending.queuedAt < cutoffMillis) {
                pending.done.completeExceptionally(timedOut(timeoutMillis));
            }
        }
        // in append order, so the first one young enough ends the search (a stuck writer lets the queue grow long)
        for (Pending pending : queue) {
            if (pending.queuedAt >= cutoffMillis) {
                break;
            }
            pending.done.completeExceptionally(timedOut(timeoutMillis));
        }
    }

    private static TimeoutException timedOut(long timeoutMillis) {
        return new TimeoutException("record not on disk within " + timeoutMillis + " ms");
    }

    /**
     * Queues a record; the future completes with the position after it once it is on disk, or fails with
     * {@link SpoolFull} at once when accepting it would exceed the bound.
     */
    public CompletableFuture<Long> append(byte[] payload) {
        return append(payload, clock.getAsLong());
    }

    private CompletableFuture<Long> append(byte[] payload, long appendedAt) {
        if (payload.length == 0 || payload.length > MAX_PAYLOAD_BYTES) {
            return CompletableFuture.failedFuture(new IOException("record of " + payload.length + " bytes"));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("spool is closed"));
        }
        if (broken != null) {
            return CompletableFuture.failedFuture(new IOException("spool cannot write: " + broken.getMessage()));
        }
        long size = HEADER_BYTES + payload.length;
        if (unforwardedBytes.addAndGet(size) > maxBytes) {
            unforwardedBytes.addAndGet(-size);
            return CompletableFuture.failedFuture(new SpoolFull("spool " + dir + " holds " + maxBytes
                    + " bytes of records not yet on Kafka"));
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        Pending pending = new Pending(payload, appendedAt, clock.getAsLong(), done);
        queue.add(pending);
        // closed meanwhile, after close() emptied the queue: nobody would complete it
        if (closed && queue.remove(pending)) {
            unforwardedBytes.addAndGet(-size);
            done.completeExceptionally(new IOException("spool is closed"));
        }
        return done;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        int lastBatch = 0;
        while (true) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long delay = commitDelayNanos;
                // only while downloads queue up behind the fsyncs: a lone download never waits for company
                if (delay > 0 && lastBatch > 1 && !closed) {
                    LockSupport.parkNanos(delay);
                }
                queue.drainTo(batch, MAX_BATCH - 1);
                // a record whose caller gave up (append timeout: the download was refused with 503) is not
                // written, so a refused download is never counted
                batch.removeIf(pending -> {
                    if (pending.done.isDone()) {
                        unforwardedBytes.addAndGet(-(HEADER_BYTES + pending.payload.length));
                        return true;
                    }
                    return false;
                });
                lastBatch = batch.size();
                if (!batch.isEmpty()) {
                    writing = batch.toArray(Pending[]::new);
                    writeBatch(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Spool writer failed", e);
            } finally {
                writing = NOTHING_WRITING;
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (broken != null) {
            failBatch(batch, broken);
            return;
        }
        long started = System.nanoTime();
        long base = activeBase;
        long end = durableEnd;
        long[] ends = new long[batch.size()];
        try {
            ByteBuffer buffer = writeBuffer.clear();
            for (int i = 0; i < batch.size(); i++) {
                Pending pending = batch.get(i);
                int size = HEADER_BYTES + pending.payload.length;
                if (end - activeBase + size > segmentBytes && end > activeBase) {
                    if (buffer.position() > 0) {
                        writeFully(buffer.flip());
                        buffer.clear();
                    }
                    roll(end);
                }
                if (buffer.remaining() < size) {
                    writeFully(buffer.flip());
                    buffer.clear();
                }
                encode(buffer, pending.appendedAt, pending.payload);
                end += size;
                ends[i] = end;
            }
            if (buffer.position() > 0) {
                writeFully(buffer.flip());
            }
            active.force(false);
        } catch (IOException | RuntimeException e) {
            log.error("Could not write {} records to the spool {}", batch.size(), dir, e);
            WriteFailure before = writeFailure;
            writeFailure = new WriteFailure(e.toString(), clock.getAsLong(), before == null ? 1 : before.inARow() + 1);
            undoBatch(batch, base, end);
            return;
        }
        writeFailure = null;
        listener.forced(batch.size(), System.nanoTime() - started);
        unforwardedRecords.addAndGet(batch.size());
        durableEnd = end;
        synchronized (appended) {
            appended.notifyAll();
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done.complete(ends[i]);
        }
    }

    /**
     * A failed write may have left part of the batch on disk, even forced by a roll to a new segment within the
     * batch: back to the last durable record, so that no record of a refused download is ever read, and the next
     * batch lands where its positions say. If even that fails, the spool is broken until a restart recovers it.
     */
    private void undoBatch(List<Pending> batch, long base, long reached) {
        try {
            if (!closed) { // after close() the directory is no longer this spool's to change: a restart recovers it
                restore(base, reached);
            }
        } catch (IOException | RuntimeException e) {
            broken = e instanceof IOException io ? io : new IOException(e);
            log.error("Spool {} could not be cut back to its last durable record at {}: it refuses every record "
                    + "until the service is restarted", dir, durableEnd, e);
        }
        failBatch(batch, new IOException("spool write failed"));
    }

    private void failBatch(List<Pending> batch, IOException cause) {
        for (Pending pending : batch) {
            unforwardedBytes.addAndGet(-(HEADER_BYTES + pending.payload.length));
            pending.done.completeExceptionally(cause);
        }
    }

    /**
     * Makes segment {@code base} (which holds {@link #durableEnd}) the active one again, with zeros from the last
     * durable record up to {@code reached} (as far as the failed batch may have written), so the segment keeps its
     * preallocated blocks; segments started after it hold nothing durable and are deleted.
     */
    private void restore(long base, long reached) throws IOException {
        FileChannel failed = active;
        active = null;
        activeBase = base;
        if (failed != null) {
            try {
                failed.close();
            } catch (IOException e) {
                log.debug("Closing the failed segment of {}: {}", dir, e.toString());
            }
        }
        boolean deleted = false;
        for (Long later : List.copyOf(segments.tailMap(base, false).keySet())) {
            Path file = segments.remove(later);
            if (file != null) {
                deleted |= Files.deleteIfExists(file);
            }
        }
        if (deleted) {
            forceDirectory();
        }
        Path file = segments.get(base);
        if (file == null) { // never: a segment is deleted only once the next one holds a durable record
            throw new IOException("the segment holding position " + durableEnd + " is gone");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            long from = durableEnd - base;
            writeZeros(channel, from, Math.min(reached - base, channel.size()));
            channel.force(false);
            channel.position(from);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        active = channel;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            active.write(buffer);
        }
    }

    private void roll(long base) throws IOException {
        active.force(false);
        active.close();
        openActive(base);
    }

    /** Starts writing at {@code base}, in a new segment (or the existing, empty one of that name). */
    private void openActive(long base) throws IOException {
        Path file = dir.resolve(segmentName(base));
        boolean created = !segments.containsKey(base);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            preallocate(channel);
            channel.position(0);
        } catch (IOException | RuntimeException e) { // e.g. a full disk: no half-made segment stays behind
            channel.close();
            if (created) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        active = channel;
        activeBase = base;
        segments.put(base, file);
        if (created) {
            forceDirectory();
        }
    }

    /**
     * Fills a new segment with zeros up to its full size and syncs that once. Appends then overwrite blocks
     * that already exist, so each group commit's {@code fdatasync} flushes data only: it no longer changes the
     * file size, which on ext4 and similar file systems needs a journal commit that waits behind every other
     * process's metadata changes (measured here: a long fsync tail on a busy disk). A zero length field marks
     * the end of the records, which is why empty payloads are refused.
     */
    private void preallocate(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size >= segmentBytes) {
            return;
        }
        writeZeros(channel, size, segmentBytes);
        channel.force(true);
    }

    /** Zeros from {@code from} up to {@code to} (positions in the file). */
    private static void writeZeros(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(0, to - from)));
        for (long at = from; at < to; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
        }
    }

    static void encode(ByteBuffer buffer, long appendedAt, byte[] payload) {
        buffer.putInt(payload.length).putInt(crcOf(appendedAt, payload)).putLong(appendedAt).put(payload);
    }

    // ---------------------------------------------------------------- reading and committing

    /** Up to {@code max} durable records from {@code from} on, in order; empty when there is nothing new. */
    public List<Entry> read(long from, int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long position = from;
        long end = durableEnd;
        while (entries.size() < max && position < end) {
            Map.Entry<Long, Path> segment = segments.floorEntry(position);
            if (segment == null) {
                throw new IOException("no segment holds position " + position + " in " + dir);
            }
            Long nextBase = segments.higherKey(segment.getKey());
            // A roll may have created the next segment before the previous one's tail was forced.
            long segmentEnd = nextBase == null ? end : Math.min(nextBase, end);
            if (position >= segmentEnd) {
                if (nextBase != null && nextBase <= end) {
                    position = nextBase;
                    continue;
                }
                break;
            }
            try (FileChannel channel = FileChannel.open(segment.getValue(), StandardOpenOption.READ)) {
                long fileEnd = segment.getKey() + channel.size();
                if (position >= fileEnd) {
                    // cut short at recovery (damaged): nothing more in it; the records go on in the next segment
                    if (nextBase != null && nextBase <= end) {
                        log.error("Spool {}: {} ends at position {}; skipping to the next segment at {}", dir,
                                segment.getValue().getFileName(), fileEnd, nextBase);
                        position = nextBase;
                        continue;
                    }
                    break;
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.min(segmentEnd, fileEnd) - position,
                        256 * 1024));
                channel.read(buffer, position - segment.getKey());
                buffer.flip();
                while (entries.size() < max && buffer.remaining() >= HEADER_BYTES) {
                    int length = buffer.getInt(buffer.position());
                    if (length < 0 || length > MAX_PAYLOAD_BYTES) {
                        position = corrupt(position, nextBase, end);
                        break;
                    }
                    if (buffer.remaining() < HEADER_BYTES + length) {
                        break;
                    }
                    buffer.getInt();
                    int crc = buffer.getInt();
                    long appendedAt = buffer.getLong();
                    byte[] payload = new byte[length];
                    buffer.get(payload);
                    if (crc != crcOf(appendedAt, payload)) {
                        position = corrupt(position, nextBase, end);
                        break;
                    }
                    long next = position + HEADER_BYTES + length;
                    entries.add(new Entry(position, next, appendedAt, payload));
                    position = next;
                }
                if (entries.isEmpty() && position == from) {
                    throw new IOException("record at " + position + " in " + segment.getValue()
                            + " is larger than the read buffer");
                }
            }
        }
        return entries;
    }

    /**
     * A bad record in the middle of the stream (the writer never produces one: this is a damaged disk) cannot
     * be stepped over — its length is not to be trusted — so the rest of its segment is skipped, loudly.
     */
    private long corrupt(long position, Long nextBase, long end) throws IOException {
        if (nextBase == null) {
            throw new IOException("corrupt record at position " + position + " in the active segment of " + dir);
        }
        log.error("Corrupt record at position {} in spool {}: skipping {} bytes to the next segment", position, dir,
                nextBase - position);
        return nextBase;
    }

    /** Blocks up to {@code millis} until something was appended at or after {@code position}. */
    public void awaitAppended(long position, long millis) throws InterruptedException {
        synchronized (appended) {
            if (durableEnd <= position && !closed) {
                appended.wait(millis);
            }
        }
    }

    /**
     * Everything before {@code position} ({@code records} more records) has been forwarded: frees their room
     * in the bound at once; {@link #commit()} persists it later. Splitting the two lets the forwarder persist
     * a few times a second instead of once per batch — every persist is an fsync and a rename, which on a
     * journaling file system queue up behind (and slow down) the appends' fsyncs. A crash replays at most the
     * records acknowledged since the last persist (duplicates the stats service drops by eventId).
     */
    public synchronized void acknowledge(long position, int records) {
        if (position <= forwarded) {
            return;
        }
        unforwardedBytes.addAndGet(-(position - forwarded));
        unforwardedRecords.addAndGet(-records);
        forwarded = position;
    }

    /** Persists the acknowledged position and deletes segments that hold nothing unforwarded any more. */
    public synchronized void commit() throws IOException {
        long position = forwarded;
        if (released || position <= committed) {
            return;
        }
        try {
            Path temp = dir.resolve(COMMITTED + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((position + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, dir.resolve(COMMITTED), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            committed = position;
        } finally {
            // Even when the position could not be persisted (a full disk needs the room most): a restart that
            // finds an older committed position than its oldest segment starts at that segment.
            deleteForwardedSegments();
        }
    }

    /** {@link #acknowledge} and {@link #commit()} in one. */
    public void commit(long position, int records) throws IOException {
        acknowledge(position, records);
        commit();
    }

    /**
     * Deletes the segments whose records are all on Kafka. Only once the next segment holds a durable record: the
     * segment that holds {@link #durableEnd} is where the writer goes back to when a group commit fails
     * ({@link #restore}), so it must never go away under it.
     */
    private void deleteForwardedSegments() throws IOException {
        for (Map.Entry<Long, Path> segment : segments.entrySet()) {
            Long nextBase = segments.higherKey(segment.getKey());
            if (nextBase == null || nextBase > forwarded || nextBase >= durableEnd
                    || segment.getKey() == activeBase) {
                return;
            }
            Files.deleteIfExists(segment.getValue());
            segments.remove(segment.getKey());
        }
    }

    // ---------------------------------------------------------------- state for health and metrics

    /** Persisted: where a restart resumes. */
    public long committedPosition() {
        return committed;
    }

    /** Acknowledged so far (persisted or not): where the forwarder continues. */
    public long forwardedPosition() {
        return forwarded;
    }

    public long durableEnd() {
        return durableEnd;
    }

    public long unforwardedBytes() {
        return unforwardedBytes.get();
    }

    public long unforwardedRecords() {
        return unforwardedRecords.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * A group commit that failed (its downloads were refused): why, when (epoch millis), and how many group commits
     * in a row have failed up to this one.
     */
    public record WriteFailure(String cause, long atMillis, int inARow) {
    }

    /** The last group commit's failure; empty again once one succeeds. */
    public Optional<WriteFailure> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    /** Why the spool refuses every record until the service is restarted; empty while it can write. */
    public Optional<String> brokenBecause() {
        IOException cause = broken;
        return cause == null ? Optional.empty() : Optional.of(cause.toString());
    }

    public double fillRatio() {
        return (double) unforwardedBytes.get() / maxBytes;
    }

    public int segmentCount() {
        return segments.size();
    }

    public int tornRecordsAtOpen() {
        return tornRecordsAtOpen;
    }

    public Path directory() {
        return dir;
    }

    /**
     * When the oldest record not yet forwarded was appended; empty when everything is forwarded.
     *
     * @throws UncheckedIOException when it cannot be read (never "drained" for a record nobody can read)
     */
    public OptionalLong oldestUnforwardedAppendedAt() {
        for (int attempt = 0; ; attempt++) {
            long position = forwarded;
            if (position >= durableEnd) {
                return OptionalLong.empty();
            }
            try {
                List<Entry> first = read(position, 1);
                return first.isEmpty() ? OptionalLong.empty() : OptionalLong.of(first.get(0).appendedAtMillis());
            } catch (IOException | RuntimeException e) {
                if (attempt == 0 && forwarded != position) {
                    continue; // forwarded meanwhile, and its segment deleted: look again from the new position
                }
                throw new UncheckedIOException(new IOException("cannot read the oldest unforwarded record at "
                        + position + ": " + e, e));
            }
        }
    }

    /** Stops accepting records, writes what was already queued and closes the files. */
    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (this) {
            if (timeouts != null) {
                timeouts.shutdownNow();
            }
        }
        synchronized (appended) {
            appended.notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done.completeExceptionally(new IOException("spool closed"));
        }
        if (active != null) {
            active.close();
        }
        try {
            commit();
        } finally {
            synchronized (this) {
                released = true;
                held.release();
            }
        }
    }

    // ---------------------------------------------------------------- taking over a spool left behind

    /**
     * Moves the unforwarded records of a spool directory no running process holds (an instance that was removed,
     * or re-created under a new id, and left downloads not yet on Kafka) into this spool, in their order and with
     * their append times, then deletes that directory.
     * <ul>
     * <li>The directory is locked, then renamed to {@code .taken-…} before anything is read: an instance that
     * starts under the old name meanwhile makes a new, empty spool instead of finding its files deleted.</li>
     * <li>Each batch is durable here before the other spool's committed position moves past it, so a crash in
     * between copies some records twice (the stats service drops duplicates by event id) and never loses one; a
     * {@code .taken-…} directory left by such a crash is taken over like any other.</li>
     * <li>It stops while this spool is filled to {@code stopAtFillRatio} (what is left stays for a later call), so
     * taking over never makes live downloads wait for room.</li>
     * </ul>
     *
     * @return records taken over; empty when the directory is not a spool or another running instance holds it
     */
    public OptionalLong takeOver(Path other, Duration timeout, double stopAtFillRatio)
            throws IOException, InterruptedException {
        if (other.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize()) || !looksLikeASpool(other)) {
            return OptionalLong.empty();
        }
        Held lock = Held.tryHold(other);
        if (lock == null) {
            return OptionalLong.empty();
        }
        Path taken = other.resolveSibling(TAKEN + UUID.randomUUID());
        Spool left;
        try {
            Files.move(other, taken, StandardCopyOption.ATOMIC_MOVE);
            lock = lock.movedTo(taken);
            left = new Spool(taken, segmentBytes, Long.MAX_VALUE, clock, Listener.NONE, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw e;
        }
        long moved = 0;
        boolean drained = false;
        try {
            long position = left.forwardedPosition();
            while (fillRatio() < stopAtFillRatio) {
                List<Entry> batch = left.read(position, 1_000);
                if (batch.isEmpty()) {
                    drained = true;
                    break;
                }
                List<CompletableFuture<Long>> appends = new ArrayList<>(batch.size());
                for (Entry entry : batch) {
                    appends.add(append(entry.payload(), entry.appendedAtMillis()));
                }
                int durable = 0;
                Exception failure = null;
                for (CompletableFuture<Long> append : appends) {
                    try {
                        append.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        if (failure == null) {
                            durable++;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        failure = failure == null ? e : failure;
                    }
                }
                if (durable > 0) { // the records durable here, in order, are done in the other spool
                    position = batch.get(durable - 1).next();
                    left.commit(position, durable);
                    moved += durable;
                }
                if (failure != null) {
                    throw new IOException("took over " + moved + " records of " + other + ", then: " + failure,
                            failure);
                }
            }
        } finally {
            left.close();
        }
        if (drained) {
            deleteSpoolDirectory(taken);
        }
        return OptionalLong.of(moved);
    }

    /**
     * A directory, not a link, that this service made a spool of (it has the marker) and that holds nothing but
     * spool files: only such a directory is ever taken over and deleted.
     */
    static boolean looksLikeASpool(Path candidate) throws IOException {
        if (!Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(candidate.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var files = Files.list(candidate)) {
            return files.allMatch(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && SPOOL_FILE.matcher(file.getFileName().toString()).matches());
        }
    }

    /** True when no process holds {@code candidate} right now (checked by taking its lock for a moment). */
    static boolean isFree(Path candidate) throws IOException {
        Held probe = Held.tryHold(candidate);
        if (probe == null) {
            return false;
        }
        probe.release();
        return true;
    }

    private static void deleteSpoolDirectory(Path other) throws IOException {
        try (var files = Files.list(other)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(other);
    }

    // ---------------------------------------------------------------- recovery

    /** Rebuilds the state from the directory; returns how many torn records were cut off the last segment. */
    private int recover() throws IOException {
        try (var files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher matcher = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    segments.put(Long.parseLong(matcher.group(1)), file);
                }
            });
        }
        long committedAtOpen = readCommitted();
        long end = segments.isEmpty() ? committedAtOpen : segments.firstKey();
        if (committedAtOpen < end) {
            // The committed file predates every segment we still have (or is missing): start at the oldest.
            committedAtOpen = end;
        }
        int torn = 0;
        long records = 0;
        for (Map.Entry<Long, Path> segment : List.copyOf(segments.entrySet())) {
            boolean last = segment.getKey().equals(segments.lastKey());
            if (segment.getKey() != end) {
                log.error("Spool {} has a gap before segment {}: expected position {}", dir, segment.getValue(), end);
                end = segment.getKey();
            }
            Scan scan = scan(segment.getValue(), segment.getKey(), committedAtOpen);
            records += scan.recordsFromCommitted;
            if (scan.validBytes < Files.size(segment.getValue())) {
                long dropped = Files.size(segment.getValue()) - scan.validBytes;
                if (!scan.damaged) {
                    log.debug("Spool {}: {} preallocated bytes after the last record of {}", dir, dropped,
                            segment.getValue().getFileName());
                } else if (last) {
                    torn++;
                    log.warn("Spool {}: torn last record in {} ({} bytes after position {}) cut off", dir,
                            segment.getValue().getFileName(), dropped, segment.getKey() + scan.validBytes);
                } else {
                    log.error("Spool {}: {} unreadable bytes at the end of {} cut off", dir, dropped,
                            segment.getValue().getFileName());
                }
                try (FileChannel channel = FileChannel.open(segment.getValue(), StandardOpenOption.WRITE)) {
                    channel.truncate(scan.validBytes);
                    channel.force(true);
                }
            }
            end = segment.getKey() + scan.validBytes;
        }
        if (committedAtOpen > end) {
            log.error("Spool {}: committed position {} lies beyond the last record ({}); using the end", dir,
                    committedAtOpen, end);
            committedAtOpen = end;
        }
        committed = committedAtOpen;
        forwarded = committedAtOpen;
        durableEnd = end;
        unforwardedBytes.set(end - committedAtOpen);
        unforwardedRecords.set(records);
        // Writing always continues in a fresh segment at the end (an empty last segment is simply reopened).
        openActive(end);
        deleteForwardedSegments();
        return torn;
    }

    /** @param damaged whether the scan stopped at a torn or corrupt record rather than at zeros or the end */
    private record Scan(long validBytes, long recordsFromCommitted, boolean damaged) {
    }

    private static Scan scan(Path file, long base, long committed) throws IOException {
        long offset = 0;
        long records = 0;
        boolean damaged = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (true) {
                if (size - offset < HEADER_BYTES) {
                    damaged = size > offset && !zeros(channel, offset, size - offset);
                    break;
                }
                header.clear();
                readFully(channel, header, offset);
                int length = header.getInt(0);
                if (length == 0) {
                    // Preallocated space; anything non-zero in the header is a record torn before its length.
                    damaged = header.getInt(4) != 0 || header.getLong(8) != 0;
                    break;
                }
                if (length < 0 || length > MAX_PAYLOAD_BYTES || size - offset - HEADER_BYTES < length) {
                    damaged = true;
                    break;
                }
                byte[] payload = new byte[length];
                readFully(channel, ByteBuffer.wrap(payload), offset + HEADER_BYTES);
                if (header.getInt(4) != crcOf(header.getLong(8), payload)) {
                    damaged = true;
                    break;
                }
                if (base + offset >= committed) {
                    records++;
                }
                offset += HEADER_BYTES + length;
            }
        }
        return new Scan(offset, records, damaged);
    }

    private static boolean zeros(FileChannel channel, long position, long count) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) count);
        readFully(channel, bytes, position);
        for (byte b : bytes.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private long readCommitted() throws IOException {
        try {
            String text = Files.readString(dir.resolve(COMMITTED), StandardCharsets.US_ASCII).trim();
            return Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            log.error("Spool {}: unreadable committed position; replaying from the oldest segment", dir);
            return 0;
        }
    }

    private void forceDirectory() {
        // New directory entries (segments) survive a power loss only when the directory itself is synced.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UncheckedIOException e) {
            log.debug("Cannot fsync directory {} on this platform: {}", dir, e.toString());
        }
    }

    static int crcOf(long appendedAt, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, appendedAt).array());
        crc.update(payload);
        return (int) crc.getValue();
    }

    static String segmentName(long base) {
        return String.format("%020d.seg", base);
    }
}
