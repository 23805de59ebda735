import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What one group commit of the download spool costs this machine, apart from everything else the service does:
 * {@code n} records of 300 bytes (a {@code DownloadRequested} record is 280-320 bytes) written into a zero-filled
 * segment, then {@code fdatasync} ({@code FileChannel.force(false)}), as fast as one thread can, for n = 1, 10, 40
 * and 100. Prints commits per second and the machine's busy time (all CPUs, from {@code /proc/stat}) per commit
 * and per record, beside this process's own CPU time. Run it on an otherwise idle machine:
 *
 * <pre>java bench/download/FsyncProbe.java [seconds per size, 8] [directory, /var/tmp]</pre>
 *
 * The directory should be on the disk the spool uses (DOWNLOAD_SPOOL_DIR).
 */
public class FsyncProbe {
    private static final int RECORD_BYTES = 300;
    private static final long SEGMENT_BYTES = 64L << 20;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path dir = Path.of(args.length > 1 ? args[1] : "/var/tmp");
        Path file = Files.createTempFile(dir, "fsync-probe-", ".seg");
        long ticksPerSecond = ticksPerSecond();
        System.out.printf("fdatasync probe: %s, %d s per size, %d-byte records%n", file, seconds, RECORD_BYTES);
        System.out.println("records/commit  commits/s  machine busy/commit  per record  this process/commit  machine idle");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < SEGMENT_BYTES; ) {
                at += channel.write(zeros.clear(), at);
            }
            channel.force(true);
            for (int records : new int[] {1, 10, 40, 100}) {
                probe(channel, records, seconds, ticksPerSecond);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void probe(FileChannel channel, int records, int seconds, long ticksPerSecond) throws IOException {
        ByteBuffer batch = ByteBuffer.allocateDirect(records * RECORD_BYTES);
        long[] machineBefore = machineTicks();
        long selfBefore = selfTicks();
        long started = System.nanoTime();
        long position = 0;
        long commits = 0;
        while (System.nanoTime() - started < seconds * 1_000_000_000L) {
            batch.clear();
            while (batch.hasRemaining()) {
                batch.put((byte) 'x');
            }
            batch.flip();
            if (position + batch.remaining() > SEGMENT_BYTES) {
                position = 0;
            }
            while (batch.hasRemaining()) {
                position += channel.write(batch, position);
            }
            channel.force(false);
            commits++;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] machineAfter = machineTicks();
        double busyMicros = 1e6 * (machineAfter[0] - machineBefore[0]) / ticksPerSecond / commits;
        double selfMicros = 1e6 * (selfTicks() - selfBefore) / ticksPerSecond / commits;
        long idle = machineAfter[1] - machineBefore[1];
        double idleShare = 100.0 * idle / (idle + machineAfter[0] - machineBefore[0]);
        System.out.printf("%14d  %9.0f  %16.1f µs  %7.2f µs  %16.1f µs  %11.0f %%%n",
                records, commits / elapsed, busyMicros, busyMicros / records, selfMicros, idleShare);
    }

    /** busy (user, nice, system, irq, softirq, steal) and idle (idle, iowait) ticks of all CPUs together */
    private static long[] machineTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        long idle = 0;
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            long value = Long.parseLong(fields[i]);
            if (i == 4 || i == 5) {
                idle += value;
            } else {
                busy += value;
            }
        }
        return new long[] {busy, idle};
    }

    private static long selfTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    private static long ticksPerSecond() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes()).trim();
        getconf.waitFor();
        return Long.parseLong(out);
    }
}
