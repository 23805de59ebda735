package nl.publicaties.catalog.security.config;

import java.nio.file.Path;
import java.util.List;
import nl.publicaties.catalog.security.storage.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param editorTokenFile where the generated editor token is written
 * @param credentials     further bearer tokens, given by their SHA-256 (hex) only
 */
@ConfigurationProperties("catalog.security")
public record SecurityProperties(Path editorTokenFile, List<ConfiguredCredential> credentials) {

    public SecurityProperties {
        editorTokenFile = editorTokenFile == null ? Path.of("data", "editor-token") : editorTokenFile;
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }

    public record ConfiguredCredential(String name, Role role, String tokenSha256) {
    }
}
