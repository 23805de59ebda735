package nl.publicaties.catalog.edition.storage;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize           largest file accepted (also the multipart limit, see application.yml)
 * @param allowedMediaTypes types, as detected from the bytes, that may be uploaded
 */
@ConfigurationProperties("catalog.upload")
public record UploadProperties(DataSize maxSize, List<String> allowedMediaTypes) {

    public UploadProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(200) : maxSize;
        allowedMediaTypes = allowedMediaTypes == null || allowedMediaTypes.isEmpty() ? List.of(MediaTypes.PDF)
                : List.copyOf(allowedMediaTypes);
    }
}
