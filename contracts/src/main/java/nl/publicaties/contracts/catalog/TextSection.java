package nl.publicaties.contracts.catalog;

/** A titled block of prose on a series page. */
public record TextSection(String title, String body) {
}
