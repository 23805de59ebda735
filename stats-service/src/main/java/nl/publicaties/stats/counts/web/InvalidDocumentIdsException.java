package nl.publicaties.stats.counts.web;

import java.util.List;

class InvalidDocumentIdsException extends RuntimeException {

    private final List<String> invalidIds;

    InvalidDocumentIdsException(String message, List<String> invalidIds) {
        super(message);
        this.invalidIds = List.copyOf(invalidIds);
    }

    List<String> invalidIds() {
        return invalidIds;
    }
}
