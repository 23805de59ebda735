package nl.publicaties.catalog.edition.storage;

import java.io.IOException;
import java.io.InputStream;
import nl.publicaties.blobstore.BlobStore;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Checks an uploaded file and puts it in the blob store. A file stored for a command that is then rejected
 * stays as an unreferenced blob: harmless, since blobs are content-addressed and immutable.
 */
@Component
public class Uploads {

    private final BlobStore blobs;
    private final UploadProperties properties;

    public Uploads(BlobStore blobs, UploadProperties properties) {
        this.blobs = blobs;
        this.properties = properties;
    }

    public StoredFile store(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new MissingFile();
        }
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(MediaTypes.HEAD_LENGTH);
        }
        String mediaType = MediaTypes.detect(head);
        if (!properties.allowedMediaTypes().contains(mediaType)) {
            throw new FileTypeNotAllowed(mediaType, file.getContentType(), properties.allowedMediaTypes().toString());
        }
        try (InputStream in = file.getInputStream()) {
            BlobStore.StoredBlob blob = blobs.put(in, properties.maxSize().toBytes());
            return new StoredFile(blob.sha256(), blob.sizeBytes(), mediaType, file.getOriginalFilename());
        } catch (BlobStore.TooLarge e) {
            throw new FileTooLarge(properties.maxSize().toBytes());
        }
    }

    public record StoredFile(String sha256, long sizeBytes, String mediaType, String originalFileName) {
    }

    public static final class MissingFile extends RuntimeException {
        MissingFile() {
            super("a non-empty file is required in the multipart part 'file'", null, false, false);
        }
    }

    public static final class FileTypeNotAllowed extends RuntimeException {
        FileTypeNotAllowed(String detected, String declared, String allowed) {
            super("the file's content is " + detected + (declared == null ? "" : " (sent as " + declared + ")")
                    + "; allowed: " + allowed, null, false, false);
        }
    }

    public static final class FileTooLarge extends RuntimeException {
        FileTooLarge(long maxBytes) {
            super("the file is larger than " + maxBytes + " bytes", null, false, false);
        }
    }
}
