package nl.publicaties.stats.baseline.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled import the baseline file at startup
 * @param file    a Spring resource location; a plain path is a file path
 */
@ConfigurationProperties("stats.baseline")
public record BaselineProperties(boolean enabled, String file) {
}
