package nl.publicaties.catalog.security.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import nl.publicaties.catalog.security.config.SecurityProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Bearer tokens, known by their SHA-256: from the {@code api_credential} table (the generated editor token)
 * and from configuration ({@code catalog.security.credentials}, e.g. an auditor's key). Tokens are 256-bit
 * random values, so an unsalted hash is enough: there is nothing to guess from it.
 */
@Repository
public class Credentials {

    private final JdbcTemplate jdbc;
    private final List<SecurityProperties.ConfiguredCredential> configured;

    public Credentials(JdbcTemplate jdbc, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.configured = properties.credentials();
    }

    public Optional<Credential> byToken(String token) {
        String hash = sha256(token);
        for (SecurityProperties.ConfiguredCredential c : configured) {
            if (MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                    c.tokenSha256().toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(new Credential(c.name(), c.role()));
            }
        }
        return jdbc.query("select name, role from api_credential where token_sha256 = ?",
                (rs, row) -> new Credential(rs.getString(1), Role.valueOf(rs.getString(2))), hash)
                .stream().findFirst();
    }

    public Optional<String> tokenHashOf(String name) {
        return jdbc.queryForList("select token_sha256 from api_credential where name = ?", String.class, name)
                .stream().findFirst();
    }

    public void save(String name, Role role, String token) {
        jdbc.update("""
                insert into api_credential (name, role, token_sha256, created_at) values (?, ?, ?, ?)
                on conflict (name) do update set role = excluded.role, token_sha256 = excluded.token_sha256,
                    created_at = excluded.created_at""",
                name, role.name(), sha256(token), Timestamp.from(Instant.now()));
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
