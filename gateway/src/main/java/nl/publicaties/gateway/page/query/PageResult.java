package nl.publicaties.gateway.page.query;

import nl.publicaties.gateway.page.PublicationPage;

/** What the gateway could make of a series page request. */
public sealed interface PageResult {

    /** @param stale true when the catalog failed and this is the last good copy of its structure */
    record Found(PublicationPage page, boolean stale) implements PageResult {
    }

    /** The catalog knows no series by this slug. */
    record NotFound() implements PageResult {
    }

    /** The catalog did not answer and no earlier copy exists. */
    record Unavailable() implements PageResult {
    }
}
