package nl.publicaties.catalog.config;

import java.nio.file.Path;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.blobstore.FileSystemBlobStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BlobStoreConfig {

    /** The directory download-service reads from: the catalog is its only writer. */
    @Bean
    BlobStore blobStore(@Value("${catalog.blob-dir}") Path blobDir) {
        return new FileSystemBlobStore(blobDir);
    }
}
