package nl.publicaties.download.recording.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's file format and recovery, on real files, without Spring. */
class SpoolTest {

    static final long SEGMENT = Spool.HEADER_BYTES + Spool.MAX_PAYLOAD_BYTES;
    static final long MAX = 64 * SEGMENT;

    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    Spool open() throws IOException {
        return open(Spool.Listener.NONE);
    }

    Spool open(Spool.Listener listener) throws IOException {
        return Spool.open(dir, SEGMENT, MAX, now::get, listener);
    }

    /** A spool in a directory of its own inside this test's directory, beside others. */
    Spool openBeside(String name) throws IOException {
        return Spool.open(dir.resolve(name), SEGMENT, MAX, now::get, Spool.Listener.NONE);
    }

    static byte[] payload(int i) {
        return ("{\"eventId\":\"event-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static String text(int i) {
        return new String(payload(i), StandardCharsets.UTF_8);
    }

    static List<String> texts(List<Spool.Entry> entries) {
        return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }

    static void appendAll(Spool spool, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            spool.append(payload(i)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void givenAppendedRecords_whenReadFromTheStart_thenSamePayloadsInOrderWithContiguousPositions() throws Exception {
        try (Spool spool = open()) {
            appendAll(spool, 0, 3);
            List<Spool.Entry> entries = spool.read(0, 10);

            assertThat(texts(entries)).containsExactly(new String(payload(0), StandardCharsets.UTF_8),
                    new String(payload(1), StandardCharsets.UTF_8), new String(payload(2), StandardCharsets.UTF_8));
            assertThat(entries.get(0).position()).isZero();
            assertThat(entries.get(1).position()).isEqualTo(entries.get(0).next());
            assertThat(entries.get(2).next()).isEqualTo(spool.durableEnd());
            assertThat(entries.get(0).appendedAtMillis()).isEqualTo(now.get());
            assertThat(spool.unforwardedRecords()).isEqualTo(3);
            assertThat(spool.read(0, 2)).hasSize(2);
            assertThat(spool.read(entries.get(2).next(), 10)).isEmpty();
        }
    }

    @Test
    void givenRecordsOnDisk_whenTheFileIsInspected_thenLengthPrefixedCrcRecords() throws Exception {
        try (Spool spool = open()) {
            appendAll(spool, 0, 1);
        }
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("00000000000000000000.seg")));
        byte[] expected = payload(0);

        assertThat(file.getInt()).isEqualTo(expected.length);
        int crc = file.getInt();
        assertThat(file.getLong()).isEqualTo(now.get());
        assertThat(crc).isEqualTo(Spool.crcOf(now.get(), expected));
        byte[] payload = new byte[expected.length];
        file.get(payload);
        assertThat(payload).isEqualTo(expected);
        // The rest of the segment is preallocated zeros: a zero length marks the end of the records.
        assertThat(file.capacity()).isEqualTo((int) SEGMENT);
        while (file.hasRemaining()) {
            assertThat(file.get()).isZero();
        }
    }

    @Test
    void givenCommittedPosition_whenReopened_thenOnlyUncommittedRecordsAreReplayed() throws Exception {
        long afterTwo;
        try (Spool spool = open()) {
            appendAll(spool, 0, 5);
            afterTwo = spool.read(0, 2).get(1).next();
            spool.commit(afterTwo, 2);
            assertThat(spool.unforwardedRecords()).isEqualTo(3);
        }
        try (Spool reopened = open()) {
            assertThat(reopened.committedPosition()).isEqualTo(afterTwo);
            assertThat(reopened.unforwardedRecords()).isEqualTo(3);
            assertThat(reopened.tornRecordsAtOpen()).as("preallocated zeros are not a torn record").isZero();
            assertThat(texts(reopened.read(reopened.committedPosition(), 10)))
                    .containsExactly("{\"eventId\":\"event-2\"}", "{\"eventId\":\"event-3\"}",
                            "{\"eventId\":\"event-4\"}");
            appendAll(reopened, 5, 6);
            assertThat(texts(reopened.read(afterTwo, 10))).hasSize(4).last()
                    .isEqualTo("{\"eventId\":\"event-5\"}");
        }
    }

    @Test
    void givenTornLastRecord_whenReopened_thenItIsCutOffAndEveryEarlierRecordKept() throws Exception {
        long intact;
        try (Spool spool = open()) {
            appendAll(spool, 0, 3);
            intact = spool.durableEnd();
        }
        Path segment = onlySegment();
        // A crash mid-write: the header and part of the payload of a fourth record reached the disk.
        ByteBuffer record = ByteBuffer.allocate(Spool.HEADER_BYTES + payload(3).length);
        Spool.encode(record, now.get(), payload(3));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(record.array(), 0, Spool.HEADER_BYTES + 5), intact);
        }

        try (Spool reopened = open()) {
            assertThat(reopened.tornRecordsAtOpen()).isEqualTo(1);
            assertThat(Files.size(segment)).isEqualTo(intact);
            assertThat(texts(reopened.read(0, 10))).hasSize(3).last().isEqualTo("{\"eventId\":\"event-2\"}");
            appendAll(reopened, 4, 5);
            assertThat(texts(reopened.read(0, 10))).hasSize(4).last().isEqualTo("{\"eventId\":\"event-4\"}");
        }
    }

    @Test
    void givenLastRecordWithBadCrc_whenReopened_thenItIsDroppedAndEarlierRecordsKept() throws Exception {
        long end;
        try (Spool spool = open()) {
            appendAll(spool, 0, 3);
            end = spool.durableEnd();
        }
        Path segment = onlySegment();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            // Flip one payload byte of the last record: its length is fine, its CRC no longer matches.
            channel.write(ByteBuffer.wrap(new byte[] {'X'}), end - 3);
        }

        try (Spool reopened = open()) {
            assertThat(reopened.tornRecordsAtOpen()).isEqualTo(1);
            assertThat(texts(reopened.read(0, 10))).containsExactly("{\"eventId\":\"event-0\"}",
                    "{\"eventId\":\"event-1\"}");
            assertThat(reopened.unforwardedRecords()).isEqualTo(2);
        }
    }

    @Test
    void givenSeveralSegments_whenEverythingIsCommitted_thenForwardedSegmentsAreDeleted() throws Exception {
        byte[] big = new byte[20_000];
        try (Spool spool = open()) {
            for (int i = 0; i < 10; i++) {
                spool.append(big).get(5, TimeUnit.SECONDS);
            }
            assertThat(segments()).hasSizeGreaterThanOrEqualTo(3);
            List<Spool.Entry> all = new ArrayList<>();
            long position = 0;
            for (List<Spool.Entry> read; !(read = spool.read(position, 3)).isEmpty(); ) {
                all.addAll(read);
                position = read.get(read.size() - 1).next();
            }
            assertThat(all).hasSize(10);

            spool.commit(all.get(4).next(), 5);
            assertThat(spool.read(spool.committedPosition(), 10)).hasSize(5);
            spool.commit(position, 5);

            assertThat(segments()).hasSize(1); // only the active one remains
            assertThat(spool.unforwardedBytes()).isZero();
            assertThat(spool.unforwardedRecords()).isZero();
            assertThat(spool.oldestUnforwardedAppendedAt()).isEmpty();
        }
        try (Spool reopened = open()) {
            assertThat(reopened.read(reopened.committedPosition(), 10)).isEmpty();
            assertThat(reopened.committedPosition()).isEqualTo(reopened.durableEnd());
        }
    }

    @Test
    void givenSpoolHoldingMaxBytes_whenAppending_thenSpoolFullUntilRecordsAreCommitted() throws Exception {
        byte[] big = new byte[Spool.MAX_PAYLOAD_BYTES];
        try (Spool spool = Spool.open(dir, SEGMENT, 2 * SEGMENT, now::get, Spool.Listener.NONE)) {
            spool.append(big).get(5, TimeUnit.SECONDS);
            spool.append(big).get(5, TimeUnit.SECONDS);
            assertThat(spool.fillRatio()).isEqualTo(1.0);

            CompletableFuture<Long> refused = spool.append(payload(0));
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(Spool.SpoolFull.class);

            spool.commit(spool.read(0, 1).get(0).next(), 1);
            assertThat(spool.append(payload(0)).get(5, TimeUnit.SECONDS)).isPositive();
        }
    }

    @Test
    void givenARecordWhoseCallerGaveUp_whenTheWriterComesToIt_thenItIsNotWritten() throws Exception {
        try (Spool spool = open()) {
            spool.commitDelay(java.time.Duration.ofMillis(300));
            CompletableFuture<Long> refused = spool.append(payload(1));
            refused.completeExceptionally(new java.util.concurrent.TimeoutException("append timeout"));
            CompletableFuture<Long> kept = spool.append(payload(2));

            kept.get(10, TimeUnit.SECONDS);

            assertThat(texts(spool.read(0, 10))).containsExactly(text(2));
            assertThat(spool.unforwardedRecords()).isEqualTo(1);
            assertThat(spool.unforwardedBytes()).isEqualTo(Spool.HEADER_BYTES + payload(2).length);
        }
    }

    @Test
    void givenADiskThatStopsAnswering_whenAppendsWaitLongerThanTheTimeout_thenTheyFailAndTheQueuedOnesAreNeverWritten()
            throws Exception {
        CountDownLatch writerStuck = new CountDownLatch(1);
        CountDownLatch diskAnswers = new CountDownLatch(1);
        try (Spool spool = open(new Spool.Listener() {
            @Override
            public void forced(int records, long nanos) {
                writerStuck.countDown();
                try {
                    diskAnswers.await(); // the writer hangs inside its group commit, as on a dead disk
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        })) {
            spool.appendTimeout(Duration.ofSeconds(5));
            CompletableFuture<Long> beingWritten = spool.append(payload(1));
            assertThat(writerStuck.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Long> queued = spool.append(payload(2));
            now.addAndGet(4_000);
            CompletableFuture<Long> young = spool.append(payload(3));

            now.addAndGet(1_500); // 5.5 s after the first two, 1.5 s after the third

            assertThatThrownBy(() -> beingWritten.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
            assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
            assertThat(young).isNotDone();

            diskAnswers.countDown();
            assertThat(young.get(5, TimeUnit.SECONDS)).isPositive();
            // the first was on its way to the disk when it timed out; the queued one was dropped before writing
            assertThat(texts(spool.read(0, 10))).containsExactly(text(1), text(3));
        }
    }

    @Test
    void givenACommitDelay_whenRecordsQueueBehindAGroupCommit_thenTheNextOneWaitsAndCarriesWhatArrivesMeanwhile()
            throws Exception {
        CountDownLatch firstForced = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Spool spool = open(new Spool.Listener() {
            @Override
            public void forced(int records, long nanos) {
                batches.add(records);
                firstForced.countDown();
                try {
                    releaseFirst.await(); // the first fsync is slow: the next downloads queue up behind it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        })) {
            spool.commitDelay(java.time.Duration.ofMillis(300));
            List<CompletableFuture<Long>> appends = new ArrayList<>();
            appends.add(spool.append(payload(0)));
            assertThat(firstForced.await(5, TimeUnit.SECONDS)).isTrue();
            appends.add(spool.append(payload(1)));
            appends.add(spool.append(payload(2)));
            releaseFirst.countDown();
            appends.get(2).get(5, TimeUnit.SECONDS);
            // under load now (the last group commit carried two): the next one waits for company
            for (int i = 3; i < 10; i++) {
                appends.add(spool.append(payload(i)));
                Thread.sleep(5);
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(batches).containsExactly(1, 2, 7);
            assertThat(spool.read(0, 100)).hasSize(10);
        }
    }

    @Test
    void givenACommitDelay_whenADownloadFindsTheWriterIdle_thenItIsWrittenWithoutWaiting() throws Exception {
        try (Spool spool = open()) {
            spool.commitDelay(java.time.Duration.ofSeconds(30));

            assertThat(spool.append(payload(1)).get(10, TimeUnit.SECONDS)).isPositive();
            assertThat(spool.append(payload(2)).get(10, TimeUnit.SECONDS)).isPositive();
        }
    }

    @Test
    void givenManyConcurrentAppends_whenTheyAreForced_thenTheyShareFsyncs() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        AtomicInteger forcedRecords = new AtomicInteger();
        try (Spool spool = open(new Spool.Listener() {
            @Override
            public void forced(int records, long nanos) {
                forces.incrementAndGet();
                forcedRecords.addAndGet(records);
            }
        })) {
            List<CompletableFuture<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                appends.add(spool.append(payload(i)));
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(forcedRecords.get()).isEqualTo(2_000);
            assertThat(forces.get()).isLessThan(2_000 / 10);
            // Futures complete with their own record's end: strictly increasing in append order.
            long previous = 0;
            for (CompletableFuture<Long> append : appends) {
                assertThat(append.get()).isGreaterThan(previous);
                previous = append.get();
            }
            assertThat(spool.read(0, 5_000)).hasSize(2_000);
        }
    }

    @Test
    void givenOldestRecordUnforwarded_whenAskingItsAge_thenTheAppendTimeOfTheFirstUncommittedRecord()
            throws Exception {
        try (Spool spool = open()) {
            long first = now.get();
            appendAll(spool, 0, 1);
            now.addAndGet(60_000);
            appendAll(spool, 1, 2);

            assertThat(spool.oldestUnforwardedAppendedAt()).hasValue(first);
            spool.commit(spool.read(0, 1).get(0).next(), 1);
            assertThat(spool.oldestUnforwardedAppendedAt()).hasValue(first + 60_000);
        }
    }

    /** A record of exactly 1 000 payload bytes (1 016 in the spool): 64 fit in a segment, the 65th starts the next. */
    static byte[] fixed(int i) {
        String head = String.format("{\"eventId\":\"event-%05d\",\"pad\":\"", i);
        return (head + "x".repeat(1_000 - head.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    static String fixedText(int i) {
        return new String(fixed(i), StandardCharsets.US_ASCII);
    }

    static List<String> readAll(Spool spool, long from) throws IOException {
        List<String> all = new ArrayList<>();
        for (List<Spool.Entry> read; !(read = spool.read(from, 50)).isEmpty(); ) {
            all.addAll(texts(read));
            from = read.get(read.size() - 1).next();
        }
        return all;
    }

    @Test
    void givenAGroupCommitWhoseRollToANewSegmentFails_whenUndone_thenNoneOfItsRecordsIsEverRead_andTheSpoolGoesOn()
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        List<String> written = new ArrayList<>();
        try (Spool spool = open(new Spool.Listener() {
            @Override
            public void forced(int records, long nanos) {
                if (forces.incrementAndGet() == 61) { // after record 60: hold the writer while 61-69 queue up
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        })) {
            for (int i = 0; i < 60; i++) {
                spool.append(fixed(i)).get(5, TimeUnit.SECONDS);
                written.add(fixedText(i));
            }
            CompletableFuture<Long> last = spool.append(fixed(60));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            written.add(fixedText(60));
            // the next segment would start after 64 records (64 * 1 016 bytes): a directory in its place makes
            // creating it fail
            Path blocked = dir.resolve(Spool.segmentName(64 * 1_016L));
            Files.createDirectories(blocked.resolve("in-the-way"));
            List<CompletableFuture<Long>> batch = new ArrayList<>();
            for (int i = 61; i < 70; i++) { // one group commit: 61-63 fill the segment, 64 needs the next
                batch.add(spool.append(fixed(i)));
            }
            release.countDown();
            last.get(5, TimeUnit.SECONDS);
            for (CompletableFuture<Long> refused : batch) {
                assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            }
            assertThat(spool.writeFailure()).isPresent();
            assertThat(spool.brokenBecause()).isEmpty();

            Files.delete(blocked.resolve("in-the-way"));
            Files.delete(blocked);
            for (int i = 70; i < 75; i++) {
                spool.append(fixed(i)).get(5, TimeUnit.SECONDS);
                written.add(fixedText(i));
            }
            assertThat(spool.writeFailure()).isEmpty();
            assertThat(readAll(spool, 0)).as("61-63 reached the disk before the roll failed: cut off again")
                    .containsExactlyElementsOf(written);
            assertThat(spool.unforwardedRecords()).isEqualTo(written.size());
        }
        try (Spool reopened = open()) {
            assertThat(readAll(reopened, 0)).containsExactlyElementsOf(written);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void givenASegmentCutShortAtRecovery_whenReadAcrossIt_thenTheReaderGoesOnInTheNextSegment() throws Exception {
        try (Spool spool = open()) {
            appendFixed(spool, 0, 200); // segments of 64 records: 0-63, 64-127, 128-191, 192-199
        }
        List<Path> files = segments();
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        try (FileChannel second = FileChannel.open(files.get(1), StandardOpenOption.WRITE)) {
            second.truncate(10 * 1_016L + 500); // damaged: records 74-127 gone, 74 torn
        }

        try (Spool reopened = open()) {
            List<String> read = readAll(reopened, 0);

            assertThat(read).hasSize(200 - 54);
            assertThat(read.get(73)).isEqualTo(fixedText(73));
            assertThat(read.get(74)).isEqualTo(fixedText(128));
            assertThat(read.get(read.size() - 1)).isEqualTo(fixedText(199));
        }
    }

    @Test
    void givenTheForwardedPositionCannotBePersisted_whenCommitting_thenForwardedSegmentsAreStillDeleted()
            throws Exception {
        long acknowledged;
        try (Spool spool = open()) {
            appendFixed(spool, 0, 200);
            List<Spool.Entry> firstHundredThirty = new ArrayList<>();
            long position = 0;
            while (firstHundredThirty.size() < 130) {
                List<Spool.Entry> read = spool.read(position, 130 - firstHundredThirty.size());
                firstHundredThirty.addAll(read);
                position = read.get(read.size() - 1).next();
            }
            acknowledged = position;
            int before = segments().size();
            Files.createDirectories(dir.resolve("committed.tmp").resolve("in-the-way")); // as a full disk would

            spool.acknowledge(acknowledged, 130);
            assertThatThrownBy(spool::commit).isInstanceOf(IOException.class);

            assertThat(spool.committedPosition()).isZero();
            assertThat(segments()).as("two segments wholly on Kafka: their room is free again").hasSize(before - 2);
            Files.delete(dir.resolve("committed.tmp").resolve("in-the-way"));
            Files.delete(dir.resolve("committed.tmp"));
        }
        try (Spool reopened = open()) {
            // the position persisted at close; a crash before it would replay from the oldest segment kept
            assertThat(readAll(reopened, reopened.committedPosition()).get(0)).isEqualTo(fixedText(130));
        }
    }

    @Test
    void givenEverythingForwardedAndTheActiveSegmentStillEmpty_whenCommitting_thenTheOneBeforeItStaysUntilItHasARecord()
            throws Exception {
        try (Spool spool = open()) {
            appendFixed(spool, 0, 64); // exactly one full segment
        }
        try (Spool reopened = open()) { // writing goes on in a fresh, empty segment
            assertThat(segments()).hasSize(2);

            reopened.commit(reopened.durableEnd(), 64);
            assertThat(segments()).as("a failed group commit in the empty one goes back to it").hasSize(2);

            reopened.append(fixed(64)).get(5, TimeUnit.SECONDS);
            reopened.commit(reopened.durableEnd(), 1);
            assertThat(segments()).hasSize(1);
        }
    }

    static void appendFixed(Spool spool, int from, int to) throws Exception {
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (int i = from; i < to; i++) {
            appends.add(spool.append(fixed(i)));
        }
        for (CompletableFuture<Long> append : appends) {
            append.get(10, TimeUnit.SECONDS);
        }
    }

    private Path onlySegment() throws IOException {
        List<Path> segments = segments();
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- one owner; taking over a spool left behind

    /** A spool beside this test's own, holding {@code records} unforwarded records, closed as a gone instance leaves it. */
    Path leftBehind(String name, int records) throws Exception {
        Path gone = dir.resolve(name);
        try (Spool left = Spool.open(gone, SEGMENT, MAX, now::get, Spool.Listener.NONE)) {
            appendAll(left, 0, records);
        }
        return gone;
    }

    @Test
    void givenASpoolOpen_whenAnotherOpensTheSameDirectory_thenRefusedUntilTheFirstIsClosed() throws Exception {
        try (Spool spool = open()) {
            assertThatThrownBy(this::open).isInstanceOf(Spool.SpoolInUse.class)
                    .hasMessageContaining("in use by another running instance");
            appendAll(spool, 0, 1);
        }
        try (Spool again = open()) {
            assertThat(again.unforwardedRecords()).isEqualTo(1);
        }
    }

    @Test
    void givenASpoolLeftBehindWithUnforwardedRecords_whenTakenOver_thenTheyMoveInOrderWithTheirTimesAndItIsDeleted()
            throws Exception {
        Path gone = dir.resolve("download-gone");
        try (Spool left = Spool.open(gone, SEGMENT, MAX, now::get, Spool.Listener.NONE)) {
            appendAll(left, 0, 4);
            left.commit(left.read(0, 1).get(0).next(), 1); // the first one reached Kafka before it went
        }
        now.addAndGet(60_000);
        try (Spool spool = openBeside("download-here")) {
            appendAll(spool, 10, 11);

            assertThat(spool.takeOver(gone, Duration.ofSeconds(5), 1.0)).hasValue(3);

            List<Spool.Entry> entries = spool.read(0, 10);
            assertThat(texts(entries)).containsExactly(text(10), text(1), text(2), text(3));
            assertThat(entries.get(1).appendedAtMillis()).isEqualTo(now.get() - 60_000);
            assertThat(spool.unforwardedRecords()).isEqualTo(4);
            assertThat(gone).doesNotExist();
        }
    }

    @Test
    void givenASpoolStillOpenElsewhere_whenTakingOver_thenLeftAlone() throws Exception {
        Path busy = dir.resolve("download-busy");
        try (Spool running = Spool.open(busy, SEGMENT, MAX, now::get, Spool.Listener.NONE);
                Spool spool = openBeside("download-here")) {
            appendAll(running, 0, 2);

            assertThat(spool.takeOver(busy, Duration.ofSeconds(5), 1.0)).isEmpty();
            assertThat(spool.takeOver(spool.directory(), Duration.ofSeconds(5), 1.0)).isEmpty();

            assertThat(spool.unforwardedRecords()).isZero();
            assertThat(running.read(0, 10)).hasSize(2);
        }
    }

    @Test
    void givenADirectoryThatIsNotASpool_whenTakingOver_thenLeftAlone() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("blobs"));
        Files.writeString(elsewhere.resolve("committed"), "0\n");
        Files.writeString(elsewhere.resolve("notes.txt"), "not a spool file");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (Spool spool = openBeside("download-here")) {
            assertThat(spool.takeOver(elsewhere, Duration.ofSeconds(5), 1.0)).isEmpty();
            assertThat(spool.takeOver(empty, Duration.ofSeconds(5), 1.0)).isEmpty();
        }
        assertThat(elsewhere.resolve("notes.txt")).exists();
        assertThat(empty).exists();
    }

    @Test
    void givenThisSpoolFilledToTheStopLevel_whenTakingOver_thenTheRestWaitsUnderItsNewNameForALaterTurn()
            throws Exception {
        Path gone = leftBehind("download-gone", 3);
        try (Spool spool = openBeside("download-here")) {
            assertThat(spool.takeOver(gone, Duration.ofSeconds(5), 0.0)).hasValue(0);

            assertThat(gone).doesNotExist(); // renamed before anything was read
            Path taken;
            try (Stream<Path> entries = Files.list(dir)) {
                taken = entries.filter(p -> p.getFileName().toString().startsWith(".taken-")).findFirst().orElseThrow();
            }
            assertThat(spool.takeOver(taken, Duration.ofSeconds(5), 1.0)).hasValue(3);
            assertThat(texts(spool.read(0, 10))).containsExactly(text(0), text(1), text(2));
            assertThat(taken).doesNotExist();
        }
    }

    @Test
    void givenRecordsAppendedLongAgo_whenTakenOverWhileTheWriterIsSlow_thenTheAppendTimeoutCountsFromTheirQueueing()
            throws Exception {
        Path gone = leftBehind("download-gone", 3);
        now.addAndGet(3_600_000); // an hour later
        CountDownLatch slowFsync = new CountDownLatch(1);
        AtomicInteger forced = new AtomicInteger();
        try (Spool spool = Spool.open(dir.resolve("download-here"), SEGMENT, MAX, now::get, new Spool.Listener() {
            @Override
            public void forced(int records, long nanos) {
                if (forced.getAndIncrement() == 0) {
                    try {
                        slowFsync.await(5, TimeUnit.SECONDS); // the first group commit hangs for a while
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        })) {
            spool.appendTimeout(Duration.ofSeconds(1));
            CompletableFuture<Long> own = spool.append(payload(9)); // its fsync hangs; the taken-over ones queue
            CompletableFuture<OptionalLong> takenOver = CompletableFuture.supplyAsync(() -> {
                try {
                    return spool.takeOver(gone, Duration.ofSeconds(10), 1.0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(600); // the timeout checker looks several times while they wait
            slowFsync.countDown();

            assertThat(own.get(5, TimeUnit.SECONDS)).isPositive();
            assertThat(takenOver.get(10, TimeUnit.SECONDS)).hasValue(3);
            assertThat(spool.unforwardedRecords()).isEqualTo(4);
        }
    }

    @Test
    void givenALinkToASpool_whenTakingOver_thenLeftAlone() throws Exception {
        Path real = dir.resolve("elsewhere").resolve("download-real");
        try (Spool left = Spool.open(real, SEGMENT, MAX, now::get, Spool.Listener.NONE)) {
            appendAll(left, 0, 1);
        }
        Path link = Files.createSymbolicLink(dir.resolve("download-link"), real);
        try (Spool spool = openBeside("download-here")) {
            assertThat(spool.takeOver(link, Duration.ofSeconds(5), 1.0)).isEmpty();
        }
        try (Spool again = Spool.open(real, SEGMENT, MAX, now::get, Spool.Listener.NONE)) {
            assertThat(again.unforwardedRecords()).isEqualTo(1);
        }
    }
}
