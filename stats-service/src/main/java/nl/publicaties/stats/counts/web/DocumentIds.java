package nl.publicaties.stats.counts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import nl.publicaties.contracts.counts.DocumentCounts;

/** Parses the {@code ids} of a counts request: 1 to {@value #MAX} canonical UUIDs, comma separated. */
final class DocumentIds {

    static final int MAX = DocumentCounts.MAX_IDS;

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private DocumentIds() {
    }

    static List<UUID> parse(String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidDocumentIdsException("Query parameter 'ids' is required: 1 to " + MAX
                    + " document ids (UUIDs), comma separated.", List.of());
        }
        String[] parts = ids.split(",", -1);
        if (parts.length > MAX) {
            throw new InvalidDocumentIdsException("At most " + MAX + " document ids per request, got "
                    + parts.length + ".", List.of());
        }
        List<UUID> parsed = new ArrayList<>(parts.length);
        List<String> invalid = new ArrayList<>();
        for (String part : parts) {
            String id = part.strip();
            if (UUID_TEXT.matcher(id).matches()) {
                parsed.add(UUID.fromString(id.toLowerCase(Locale.ROOT)));
            } else {
                invalid.add(id);
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidDocumentIdsException("Every document id must be a UUID; "
                    + invalid.size() + " of " + parts.length + " are not.", invalid.subList(0, Math.min(10, invalid.size())));
        }
        return parsed;
    }

    static UUID parseOne(String id) {
        String candidate = id == null ? "" : id.strip();
        if (!UUID_TEXT.matcher(candidate).matches()) {
            throw new InvalidDocumentIdsException("The document id must be a UUID.", List.of(candidate));
        }
        return UUID.fromString(candidate);
    }
}
