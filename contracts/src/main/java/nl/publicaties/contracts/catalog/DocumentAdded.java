package nl.publicaties.contracts.catalog;

/**
 * A document with its file belongs to an edition. The file is stored content-addressed: {@code sha256} is
 * the lowercase hex SHA-256 of its bytes and the only way to reach it in the blob store.
 *
 * @param kind         rapport, samenvatting, factsheet, bijlage
 * @param audience     doelgroep, e.g. "politieke ambtsdragers"; may be null
 * @param regionCode   CBS province code (e.g. "PV20") for a regional document, else null
 * @param regionName   province name (e.g. "Groningen"), else null
 * @param position     order of the document within its edition, starting at 1
 */
public record DocumentAdded(
        String documentId,
        String editionId,
        String seriesId,
        String title,
        String kind,
        String audience,
        String regionCode,
        String regionName,
        String language,
        int position,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256) {

    public static final String TYPE = "DocumentAdded";
    public static final int REVISION = 1;
}
