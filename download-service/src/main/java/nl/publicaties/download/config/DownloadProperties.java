package nl.publicaties.download.config;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param instanceId   names this instance in every DownloadRequested; {@code download-<8 hex>} when not set
 * @param blobDir      root of the content-addressed blob store the catalog writes
 * @param cacheControl sent with every file and 304; files are immutable per URL, so shared caches may keep them
 */
@ConfigurationProperties("download")
public record DownloadProperties(String instanceId, Path blobDir, String cacheControl) {

    public DownloadProperties {
        if (instanceId == null || instanceId.isBlank()) {
            byte[] bytes = new byte[4];
            new SecureRandom().nextBytes(bytes);
            instanceId = "download-" + HexFormat.of().formatHex(bytes);
        }
        if (blobDir == null) {
            blobDir = Path.of("data", "blobs");
        }
        if (cacheControl == null || cacheControl.isBlank()) {
            cacheControl = "public, max-age=300";
        }
    }
}
