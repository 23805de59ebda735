package nl.publicaties.download.delivery.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The Dutch page a person's browser gets when a document cannot be served: a download link may lead straight to
 * this service (a downloads host, {@code DOWNLOAD_LINK_BASE}), where nobody should be shown JSON. Everyone else (an
 * API client, curl, a PDF reader asking for {@code application/pdf}) gets RFC 9457 problem details. The words are
 * the gateway's where it has the same answer. Nothing from the request appears on the page.
 */
final class ErrorPage {

    static final String MEDIA_TYPE = "text/html; charset=utf-8";

    private record Words(String title, String message) {
    }

    private static final Words SOMETHING_WENT_WRONG = new Words("Er ging iets mis",
            "Het bestand kan op dit moment niet worden opgehaald. Probeer het over een paar minuten opnieuw.");
    private static final Words TOO_LARGE = new Words("Verzoek te groot", "Dit verzoek is te groot om te verwerken.");
    private static final Map<Integer, Words> WORDS = Map.of(
            400, new Words("Ongeldig verzoek", "Dit adres kan niet worden verwerkt."),
            404, new Words("Document niet gevonden",
                    "Het document dat u zoekt bestaat niet (meer). Misschien is het adres niet goed overgenomen."),
            405, new Words("Niet toegestaan", "Documenten kunnen hier alleen worden opgehaald."),
            410, new Words("Document ingetrokken", "Dit document is ingetrokken en kan niet meer worden gedownload."),
            412, new Words("Document gewijzigd", "Het document is gewijzigd sinds de versie waarnaar wordt gevraagd."),
            413, TOO_LARGE,
            414, TOO_LARGE,
            416, new Words("Deel niet beschikbaar", "Het gevraagde deel van het bestand bestaat niet."),
            431, TOO_LARGE,
            503, new Words("Download tijdelijk niet beschikbaar",
                    "Het bestand kan op dit moment niet worden gedownload. Probeer het over een paar minuten opnieuw."));

    private ErrorPage() {
    }

    /** Whether the client takes HTML ({@code text/html} in {@code Accept}, not with {@code q=0}): a browser. */
    static boolean wanted(HttpHeaders request) {
        for (String accept : request.getAll(HttpHeaderNames.ACCEPT)) {
            for (String range : accept.split(",")) {
                String[] parts = range.split(";");
                String type = parts[0].strip().toLowerCase(Locale.ROOT);
                if ((type.equals("text/html") || type.equals("application/xhtml+xml")) && !refused(parts)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                return parameter.substring(2).strip().matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }

    static byte[] of(int status) {
        Words words = WORDS.getOrDefault(status, SOMETHING_WENT_WRONG);
        String page = """
                <!DOCTYPE html>
                <html lang="nl">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title>
                <style>
                body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; margin: 0; }
                main { max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }
                .meta { color: #4b4b4b; }
                </style>
                </head>
                <body>
                <main>
                <h1>%1$s</h1>
                <p>%2$s</p>
                <p class="meta">Foutcode %3$d</p>
                </main>
                </body>
                </html>
                """.formatted(words.title(), words.message(), status);
        return page.getBytes(StandardCharsets.UTF_8);
    }
}
