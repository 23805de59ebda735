package nl.publicaties.catalog.security.storage;

/** Who a bearer token belongs to. The token itself is never stored, only its SHA-256. */
public record Credential(String name, Role role) {
}
