package nl.publicaties.stats.figures.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.publicaties.stats.figures.query.FiguresQuery;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The monthly open-data export, shaped after COUNTER R5.1's Item Report (IR): one row per item and metric
 * type, the reporting period total and the month's column (e.g. {@code Nov-2026}). Columns COUNTER defines
 * but that mean nothing here (ISSN, DOI, authors) are left out; the policy version and "as of" are added,
 * because a figure means nothing without them.
 */
@Component
class MonthlyExport {

    static final String PUBLISHER = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties";
    static final String PLATFORM = "Publicaties";
    static final List<String> METRICS = List.of("Total_Item_Requests", "Unique_Item_Requests");

    record Item(String Item, String Publisher, String Platform, String Proprietary_ID, String URI, String Data_Type,
            Integer YOP, String Access_Type, String Access_Method, String Parent_Title, String Edition, String Kind,
            String Province, Map<String, Long> Performance) {
    }

    record Header(String Report_Name, String Report_ID, String Release, String Institution_Name, String Reporting_Period,
            String Policy_Version, String Series_ID, Instant As_Of, Instant Created, String Notes) {
    }

    record Report(Header Report_Header, List<Item> Report_Items) {
    }

    Report json(FiguresQuery.Month month) {
        List<Item> items = new ArrayList<>();
        for (FiguresQuery.ItemRow row : month.items()) {
            items.add(new Item(title(row), PUBLISHER, PLATFORM, "publicaties:" + row.documentId(), uri(row), "Report",
                    row.year(), "Open", "Regular", row.seriesTitle(), row.editionLabel(), row.kind(), row.regionName(),
                    Map.of("Total_Item_Requests", row.totalItemRequests(), "Unique_Item_Requests", row.uniqueItemRequests())));
        }
        return new Report(header(month), items);
    }

    /**
     * How the rows are written: COUNTER's comma-separated text, or for a spreadsheet with Dutch settings semicolons
     * and a byte order mark (Excel otherwise puts every row in one column and reads "Fryslân" as Windows-1252).
     */
    enum Dialect {
        COUNTER(",", ""),
        EXCEL(";", "\uFEFF");

        private final String separator;
        private final String start;

        Dialect(String separator, String start) {
            this.separator = separator;
            this.start = start;
        }
    }

    String csv(FiguresQuery.Month month) {
        return csv(month, Dialect.COUNTER);
    }

    String csv(FiguresQuery.Month month, Dialect dialect) {
        String separator = dialect.separator;
        String column = month.month().getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + "-" + month.month().getYear();
        StringBuilder out = new StringBuilder(dialect.start);
        out.append(String.join(separator, "Item", "Publisher", "Platform", "Proprietary_ID", "URI", "Data_Type", "YOP",
                "Access_Type", "Access_Method", "Parent_Title", "Edition", "Kind", "Province", "Metric_Type",
                "Reporting_Period_Total", column, "Policy_Version", "As_Of")).append("\r\n");
        for (FiguresQuery.ItemRow row : month.items()) {
            for (String metric : METRICS) {
                long value = metric.equals("Total_Item_Requests") ? row.totalItemRequests() : row.uniqueItemRequests();
                out.append(String.join(separator, cell(title(row), separator), cell(PUBLISHER, separator),
                        cell(PLATFORM, separator), cell("publicaties:" + row.documentId(), separator),
                        cell(uri(row), separator), "Report", row.year() == null ? "" : row.year().toString(), "Open",
                        "Regular", cell(row.seriesTitle(), separator), cell(row.editionLabel(), separator),
                        cell(row.kind(), separator), cell(row.regionName(), separator), metric, Long.toString(value),
                        Long.toString(value), cell(month.frame().policyVersion(), separator),
                        month.frame().asOf() == null ? "" : month.frame().asOf().toString())).append("\r\n");
            }
        }
        return out.toString();
    }

    private static Header header(FiguresQuery.Month month) {
        return new Header("Item Report (publicaties)", "IR", "5.1", PUBLISHER,
                "Begin_Date=" + month.frame().from() + "; End_Date=" + month.frame().to(), month.frame().policyVersion(),
                month.frame().seriesId(), month.frame().asOf(), Instant.now(),
                "Counted under the policy in docs/counting.md; downloads from before the system (baseline) are not included.");
    }

    private static String title(FiguresQuery.ItemRow row) {
        return row.title() == null ? row.documentId() : row.title();
    }

    private static String uri(FiguresQuery.ItemRow row) {
        return row.fileName() == null ? "/documents/" + row.documentId()
                : "/documents/" + row.documentId() + "/" + UriUtils.encodePathSegment(row.fileName(), StandardCharsets.UTF_8);
    }

    /**
     * RFC 4180 quoting; a leading formula character (also a tab or carriage return before one, which spreadsheets
     * skip) is neutralised so spreadsheets do not execute it.
     */
    static String cell(String value) {
        return cell(value, ",");
    }

    static String cell(String value, String separator) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(separator) || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\""
                : safe;
    }
}
