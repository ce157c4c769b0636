package dev.tenure.connectors.files;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class FileLinesUnitTest {

    @Test
    void lines_end_at_a_line_feed_a_carriage_return_or_both_as_a_buffered_reader_splits_them() throws IOException {
        FileLines lines = new FileLines(new StringReader("a\nb\r\nc\rd"), 10);

        assertThat(lines.readLine()).isEqualTo("a");
        assertThat(lines.readLine()).isEqualTo("b");
        assertThat(lines.readLine()).isEqualTo("c");
        assertThat(lines.readLine()).isEqualTo("d");
        assertThat(lines.readLine()).isNull();
    }

    @Test
    void a_line_past_the_bound_keeps_its_start_says_how_long_it_was_and_the_next_line_is_whole() throws IOException {
        FileLines lines = new FileLines(new StringReader("x".repeat(25) + "\nnext"), 10);

        assertThat(lines.readLine()).isEqualTo("x".repeat(10));
        assertThat(lines.cut()).isTrue();
        assertThat(lines.length()).isEqualTo(25);
        assertThat(lines.readLine()).isEqualTo("next");
        assertThat(lines.cut()).isFalse();
    }

    @Test
    void a_cut_between_the_two_halves_of_a_character_keeps_neither_so_the_start_kept_is_text() throws IOException {
        String emoji = "\uD83D\uDE00";
        FileLines lines = new FileLines(new StringReader("abcdefghi" + emoji + "tail\n" + "abcdefghi" + emoji + "tail"), 10);

        assertThat(lines.readLine()).isEqualTo("abcdefghi");
        assertThat(lines.readLine()).as("the last line, with no line break after it").isEqualTo("abcdefghi");
    }
}
