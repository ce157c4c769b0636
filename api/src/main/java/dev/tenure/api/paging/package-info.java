/** How every REST list is paged: the page asked for ({@code page}, {@code size}), read and bounded in one place, and the page answered. */
package dev.tenure.api.paging;
