package nl.publicaties.catalog.page.query;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "page_series")
public class SeriesRow {

    @Id
    @Column(name = "series_id")
    private String seriesId;

    @Column(nullable = false, unique = true)
    private String slug;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(columnDefinition = "text")
    private String introduction;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "page_series_section", joinColumns = @JoinColumn(name = "series_id"))
    @OrderColumn(name = "position")
    private List<Section> sections = new ArrayList<>();

    protected SeriesRow() {
    }

    public SeriesRow(String seriesId, String slug, String title, String introduction, List<Section> sections) {
        this.seriesId = seriesId;
        this.slug = slug;
        this.title = title;
        this.introduction = introduction;
        this.sections = new ArrayList<>(sections);
    }

    public String seriesId() {
        return seriesId;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String introduction() {
        return introduction;
    }

    public List<Section> sections() {
        return sections;
    }

    @Embeddable
    public static class Section {

        @Column(name = "title", columnDefinition = "text")
        private String title;

        @Column(name = "body", columnDefinition = "text")
        private String body;

        protected Section() {
        }

        public Section(String title, String body) {
            this.title = title;
            this.body = body;
        }

        public String title() {
            return title;
        }

        public String body() {
            return body;
        }
    }
}
