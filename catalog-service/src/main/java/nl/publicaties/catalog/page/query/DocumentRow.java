package nl.publicaties.catalog.page.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "page_document")
public class DocumentRow {

    @Id
    @Column(name = "document_id")
    private String documentId;

    @Column(name = "edition_id", nullable = false)
    private String editionId;

    @Column(nullable = false, length = 300)
    private String title;

    private String kind;
    private String audience;

    @Column(name = "region_code")
    private String regionCode;

    @Column(name = "region_name")
    private String regionName;

    private String language;

    @Column(nullable = false)
    private int position;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "media_type")
    private String mediaType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(nullable = false)
    private boolean withdrawn;

    protected DocumentRow() {
    }

    public DocumentRow(String documentId, String editionId, String title, String kind, String audience,
                       String regionCode, String regionName, String language, int position, String fileName,
                       String mediaType, long sizeBytes, String sha256) {
        this.documentId = documentId;
        this.editionId = editionId;
        this.title = title;
        this.kind = kind;
        this.audience = audience;
        this.regionCode = regionCode;
        this.regionName = regionName;
        this.language = language;
        this.position = position;
        this.fileName = fileName;
        this.mediaType = mediaType;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
    }

    void withdraw() {
        this.withdrawn = true;
    }

    void restore(int newPosition) {
        this.withdrawn = false;
        this.position = newPosition;
    }

    void retitle(String newTitle) {
        this.title = newTitle;
    }

    void moveTo(int newPosition) {
        this.position = newPosition;
    }

    /** The file name stays, so the public download path stays. */
    void replaceFile(String newMediaType, long newSizeBytes, String newSha256) {
        this.mediaType = newMediaType;
        this.sizeBytes = newSizeBytes;
        this.sha256 = newSha256;
    }

    public String documentId() {
        return documentId;
    }

    public String editionId() {
        return editionId;
    }

    public String title() {
        return title;
    }

    public String kind() {
        return kind;
    }

    public String audience() {
        return audience;
    }

    public String regionCode() {
        return regionCode;
    }

    public String regionName() {
        return regionName;
    }

    public String language() {
        return language;
    }

    public int position() {
        return position;
    }

    public String fileName() {
        return fileName;
    }

    public String mediaType() {
        return mediaType;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String sha256() {
        return sha256;
    }

    public boolean withdrawn() {
        return withdrawn;
    }
}
