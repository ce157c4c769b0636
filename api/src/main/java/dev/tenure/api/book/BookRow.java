package dev.tenure.api.book;

import dev.tenure.engine.book.BookEntry;

/** An account's row in a book, with its renewal and last activity in words for the reader. */
record BookRow(BookEntry entry, String renewal, String lastActivity) {
}
