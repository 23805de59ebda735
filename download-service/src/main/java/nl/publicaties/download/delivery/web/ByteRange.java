package nl.publicaties.download.delivery.web;

/** An inclusive byte range {@code first..last} of a representation. */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of a 206 for a representation of {@code completeLength} bytes. */
    public String contentRange(long completeLength) {
        return "bytes " + first + "-" + last + "/" + completeLength;
    }
}
