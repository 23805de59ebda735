package nl.publicaties.gateway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket: request targets no client library would send (invalid percent-encoding,
 * backslashes, absolute form, overlong lines and headers), exactly as an attacker's tool sends them.
 */
public final class RawHttp {

    /** What Firefox and Chromium send for a page. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final String host;
    private final int port;

    public RawHttp(URL server) {
        this.host = server.getHost();
        this.port = server.getPort();
    }

    /** The answer's status line and the first 64 KiB of the rest; status 0 if the server closed without one. */
    public Answer send(String method, String target, String extraHeaders, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                    + "User-Agent: raw-test\r\nAccept: " + BROWSER_ACCEPT + "\r\nConnection: close\r\n" + extraHeaders
                    + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (SocketException e) {
                // the server may answer (413, 431) and close before it read everything: read what it said
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer get(String target) {
        return send("GET", target, "", null);
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (bytes.size() < 65_536 && (n = in.read(buffer)) != -1) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // reset after the answer: what arrived counts
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.")) {
            return new Answer(0, text);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    }

    /** @param text status line, headers and (part of) the body */
    public record Answer(int status, String text) {

        public String body() {
            int start = text.indexOf("\r\n\r\n");
            return start < 0 ? "" : text.substring(start + 4);
        }
    }
}
