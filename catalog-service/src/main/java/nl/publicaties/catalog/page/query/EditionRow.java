package nl.publicaties.catalog.page.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

@Entity
@Table(name = "page_edition")
public class EditionRow {

    @Id
    @Column(name = "edition_id")
    private String editionId;

    @Column(name = "series_id", nullable = false)
    private String seriesId;

    @Column(nullable = false, length = 300)
    private String label;

    @Column(name = "edition_year", nullable = false)
    private int year;

    @Column(columnDefinition = "text")
    private String introduction;

    @Column(name = "regional_introduction", columnDefinition = "text")
    private String regionalIntroduction;

    @Column(nullable = false)
    private boolean published;

    @Column(name = "published_on")
    private LocalDate publishedOn;

    @Column(nullable = false)
    private boolean archived;

    protected EditionRow() {
    }

    public EditionRow(String editionId, String seriesId, String label, int year, String introduction,
                      String regionalIntroduction) {
        this.editionId = editionId;
        this.seriesId = seriesId;
        this.label = label;
        this.year = year;
        this.introduction = introduction;
        this.regionalIntroduction = regionalIntroduction;
    }

    void publish(LocalDate on) {
        this.published = true;
        this.publishedOn = on;
    }

    void archive() {
        this.archived = true;
    }

    public boolean archived() {
        return archived;
    }

    public String editionId() {
        return editionId;
    }

    public String seriesId() {
        return seriesId;
    }

    public String label() {
        return label;
    }

    public int year() {
        return year;
    }

    public String introduction() {
        return introduction;
    }

    public String regionalIntroduction() {
        return regionalIntroduction;
    }

    public boolean published() {
        return published;
    }

    public LocalDate publishedOn() {
        return publishedOn;
    }
}
