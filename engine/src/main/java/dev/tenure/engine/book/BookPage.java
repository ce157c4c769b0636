package dev.tenure.engine.book;

import java.util.List;

/** A page of a book of business and how many accounts the whole query matched. */
public record BookPage(List<BookEntry> entries, long total) {
}
