package dev.tenure.api.book;

/**
 * A column heading that sorts: the address sorting by it ({@code href}), and {@code ariaSort}
 * ("ascending", "descending") when the book is sorted by it now, else null.
 */
record SortLink(String key, String label, String href, String ariaSort) {
}
