package nl.publicaties.download.delivery.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to send for a {@code Range} header (RFC 9110 §14.2): the whole representation, one part of it, or
 * nothing (416). Only single ranges are served as 206; a request for several ranges gets the whole file with
 * 200, which RFC 9110 allows (a server may ignore Range) and every client handles, while
 * {@code multipart/byteranges} adds code few clients need (PDF viewers ask for one range at a time).
 */
public sealed interface RangeSelection {

    /** Send everything with 200: no Range, a syntactically invalid one, another unit, or several ranges. */
    record Whole() implements RangeSelection {
    }

    /** Send one part with 206. */
    record Part(ByteRange range) implements RangeSelection {
    }

    /** The single range asked for lies beyond the representation: 416. */
    record Unsatisfiable() implements RangeSelection {
    }

    static RangeSelection of(String rangeHeader, long length) {
        if (rangeHeader == null) {
            return new Whole();
        }
        String header = rangeHeader.strip();
        int equals = header.indexOf('=');
        if (equals < 0 || !header.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        List<String> specs = new ArrayList<>();
        for (String spec : header.substring(equals + 1).split(",", -1)) {
            String trimmed = spec.strip();
            if (!trimmed.isEmpty()) {
                specs.add(trimmed);
            }
        }
        if (specs.size() != 1) {
            return new Whole();
        }
        return single(specs.get(0), length);
    }

    private static RangeSelection single(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String firstText = spec.substring(0, dash);
        String lastText = spec.substring(dash + 1);
        if (firstText.isEmpty()) {
            // suffix-range "-N": the last N bytes
            if (!digits(lastText)) {
                return new Whole();
            }
            long suffix = number(lastText);
            if (suffix == 0) {
                return new Unsatisfiable();
            }
            if (length == 0) {
                // satisfiable (RFC 9110 §14.1.2), but no 206 can name a part of nothing: the whole, empty, with 200
                return new Whole();
            }
            return new Part(new ByteRange(Math.max(0, length - suffix), length - 1));
        }
        if (!digits(firstText) || !(lastText.isEmpty() || digits(lastText))) {
            return new Whole();
        }
        long first = number(firstText);
        long last = lastText.isEmpty() ? Long.MAX_VALUE : number(lastText);
        if (last < first) {
            return new Whole(); // invalid range-spec: the header is ignored
        }
        if (first >= length) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(first, Math.min(last, length - 1)));
    }

    private static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Positions beyond what a long holds are beyond any file too, so they saturate instead of failing. */
    private static long number(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
