package nl.publicaties.catalog.security.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import nl.publicaties.catalog.security.config.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The local stack's editor credential: created at first start, its hash stored, the token itself written
 * only to {@code catalog.security.editor-token-file} (readable by the owner only). As long as that file
 * holds the stored token nothing changes; delete the file and the next start issues a new token, which also
 * revokes the old one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EditorToken implements ApplicationRunner {

    public static final String EDITOR = "editor";
    private static final Logger log = LoggerFactory.getLogger(EditorToken.class);

    private final Credentials credentials;
    private final Path file;
    private final SecureRandom random = new SecureRandom();

    public EditorToken(Credentials credentials, SecurityProperties properties) {
        this.credentials = credentials;
        this.file = properties.editorTokenFile();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (credentials.tokenHashOf(EDITOR).filter(Credentials.sha256(existing)::equals).isPresent()) {
                log.info("Editor token in {} is valid", file.toAbsolutePath());
                return;
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        credentials.save(EDITOR, Role.EDITOR, token);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temp = Files.createTempFile(parent, ".editor-token", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the directory's default permissions
        }
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("Issued a new editor token; it is in {} (use it as 'Authorization: Bearer <token>')",
                file.toAbsolutePath());
    }
}
