package nl.publicaties.contracts.catalog;

/**
 * A document has a new file under the same {@code fileName} (so the same download path): serve
 * {@code sha256} from now on; its ETag changes. {@code fileRevision} is 2 for the first replacement.
 * The previous file ({@code previousSha256}) stays in the blob store for audit.
 */
public record DocumentFileReplaced(
        String documentId,
        String editionId,
        String seriesId,
        int fileRevision,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256,
        String previousSha256) {

    public static final String TYPE = "DocumentFileReplaced";
    public static final int REVISION = 1;
}
