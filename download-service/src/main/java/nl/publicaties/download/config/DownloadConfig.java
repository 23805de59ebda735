package nl.publicaties.download.config;

import java.time.Clock;

import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.blobstore.FileSystemBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DownloadProperties.class)
class DownloadConfig {

    private static final Logger log = LoggerFactory.getLogger(DownloadConfig.class);

    @Bean
    BlobStore blobStore(DownloadProperties properties) {
        log.info("Instance {} serving blobs from {}", properties.instanceId(),
                properties.blobDir().toAbsolutePath().normalize());
        return new FileSystemBlobStore(properties.blobDir());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
