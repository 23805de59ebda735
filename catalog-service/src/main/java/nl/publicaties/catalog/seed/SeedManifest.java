package nl.publicaties.catalog.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.List;

/** The seed file's shape (see {@code resources/seed/*.json}): series, their editions and documents. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeedManifest(int manifestVersion, String source, List<Series> series) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Series(String id, String slug, String title, String introduction, List<Section> sections,
                         String commissionedBy, String researchedBy, List<Edition> editions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Section(String title, String body) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Edition(String id, String label, int year, LocalDate publishedOn, String introduction,
                          String regionalIntroduction, List<Document> documents) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Document(String id, String title, String kind, String audience, String regionCode,
                           String regionName, String language, String fileName, File file) {
    }

    /** {@code generate}: make a stand-in PDF of {@code sizeBytes}; the seed has no real files. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record File(boolean generate, long sizeBytes) {
    }
}
