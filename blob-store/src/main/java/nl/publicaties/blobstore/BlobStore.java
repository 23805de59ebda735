package nl.publicaties.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files stored by the SHA-256 of their bytes. A blob is written once and never changes, so a hash is both
 * its name and its strong validator; a replaced file is a new blob and the old one stays for audit.
 */
public interface BlobStore {

    /** Stores the stream's bytes (at most {@code maxBytes}) and describes what was stored. */
    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    /** The file holding the blob, if this store has it. Rejects anything that is not a SHA-256 hex string. */
    Optional<Path> find(String sha256);

    /** What {@link #put} stored. */
    record StoredBlob(String sha256, long sizeBytes) {
    }

    /** Thrown when content is larger than the limit given to {@link #put}; nothing is stored then. */
    final class TooLarge extends IOException {
        public TooLarge(long maxBytes) {
            super("content exceeds " + maxBytes + " bytes");
        }
    }
}
