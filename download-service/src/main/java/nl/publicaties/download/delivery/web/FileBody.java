package nl.publicaties.download.delivery.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes a byte range of a file as the response body without holding the file in memory. Large bodies go
 * through Tomcat's sendfile (the kernel copies file to socket; the servlet thread returns at once), the same
 * mechanism Tomcat's DefaultServlet uses; small ones, or a response wrapped by some filter, are copied
 * through a 64 KiB buffer.
 */
final class FileBody {

    /** Below this, a plain copy is cheaper than handing the socket to the sendfile poller (Tomcat's default). */
    static final long SENDFILE_THRESHOLD = 48 * 1024;

    private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    private static final String TOMCAT_RESPONSE = "org.apache.catalina.connector.ResponseFacade";
    private static final int BUFFER = 64 * 1024;

    private FileBody() {
    }

    /**
     * What was sent and how.
     *
     * @param bytes    handed to the connector: all of them for sendfile (which completes after the handler
     *                 returns), else what was written before the client went away
     * @param sendfile whether the kernel copies the bytes (zero-copy)
     */
    record Transfer(long bytes, boolean sendfile) {
    }

    /**
     * Sendfile bypasses every response wrapper, so it is only safe when no wrapper would change the body
     * (a compressing or caching filter would be silently skipped): only Tomcat's own response.
     */
    private static boolean reachesTomcatUnchanged(ServletResponse response) {
        return TOMCAT_RESPONSE.equals(response.getClass().getName());
    }

    /** Sends {@code count} bytes of the representation's file from {@code start}. */
    static Transfer write(Representation representation, long start, long count, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (count >= SENDFILE_THRESHOLD && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))
                && reachesTomcatUnchanged(response)) {
            request.setAttribute(SENDFILE_FILENAME, representation.path());
            request.setAttribute(SENDFILE_START, start);
            request.setAttribute(SENDFILE_END, start + count);
            return new Transfer(count, true);
        }
        long sent = 0;
        Path file = Path.of(representation.path());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(count, 1))];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            while (sent < count) {
                wrapped.clear().limit((int) Math.min(buffer.length, count - sent));
                int n = channel.read(wrapped, start + sent);
                if (n < 0) {
                    throw new IOException("file ended before the announced length: " + file.getFileName());
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException clientGone) {
                    return new Transfer(sent, false);
                }
                sent += n;
            }
        }
        return new Transfer(sent, false);
    }
}
