package nl.publicaties.download.delivery.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import nl.publicaties.download.catalog.query.DocumentFile;

import org.springframework.web.util.UriUtils;

/**
 * Everything about one document's file that does not depend on the request, worked out once: the header
 * values (the HTTP date, the RFC 6266 file name and the percent-encoded canonical URL cost more to build than
 * the rest of a request) and where the bytes are. Valid as long as the view returns the same
 * {@link DocumentFile}: blobs are content-addressed and never change or go away, so a new file is always a
 * new {@code DocumentFile} with a new hash.
 *
 * @param path     the blob's real path (sent with sendfile)
 * @param length   the blob's size in bytes
 * @param location the canonical, path-absolute URL ({@code /documents/{id}/{encoded file name}})
 */
record Representation(
        DocumentFile file,
        Path path,
        long length,
        String etag,
        String lastModified,
        String contentDisposition,
        String location,
        Preconditions preconditions) {

    static Representation of(DocumentFile file, Path realPath, long length) {
        String etag = "\"" + file.sha256() + "\"";
        return new Representation(file, realPath, length, etag, Preconditions.httpDate(file.lastModified()),
                ContentDispositionHeader.inline(file.fileName()), canonicalLocation(file),
                new Preconditions(etag, file.lastModified(), file.lastModifiedStrong()));
    }

    /** The canonical URL of a document, also when its blob is missing (a redirect needs no bytes). */
    static String canonicalLocation(DocumentFile file) {
        return "/documents/" + file.documentId() + "/"
                + UriUtils.encodePathSegment(file.fileName(), StandardCharsets.UTF_8);
    }
}
