package nl.publicaties.catalog.security.storage;

/** EDITOR may change the catalog; AUDITOR may only read the admin API (state and history). */
public enum Role {
    EDITOR,
    AUDITOR
}
