package dev.tenure.api.csv;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every CSV download writes: a spreadsheet opening it runs no cell as a formula and still adds up the numbers. */
class CsvTableUnitTest {

    /** The lines after the header. */
    static List<String> rowsOf(CsvTable csv) {
        List<String> lines = List.of(csv.toString().split("\r\n"));
        return lines.subList(1, lines.size());
    }

    @Test
    void a_text_starting_like_a_formula_gets_an_apostrophe_whichever_of_owasps_six_characters_it_starts_with() {
        CsvTable csv = new CsvTable(List.of("account_id"));
        for (String id : List.of("=HYPERLINK(\"http://evil.example\")", "+1+cmd", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1+1",
                "\r=1+1")) {
            csv.row(List.of(id));
        }

        assertThat(csv.toString()).isEqualTo("account_id\r\n"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\")\"\r\n"
                + "'+1+cmd\r\n"
                + "'-2+3+cmd|' /C calc'!A0\r\n"
                + "'@SUM(A1)\r\n"
                + "'\t=1+1\r\n"
                + "\"'\r=1+1\"\r\n");
    }

    @Test
    void numbers_stay_numbers_negative_ones_too_while_a_text_that_looks_like_a_negative_number_is_text() {
        CsvTable csv = new CsvTable(List.of("group", "change", "lift", "count", "nps"));
        csv.row(Arrays.asList("-12.5", new BigDecimal("-12.50"), -3.25, -7, new BigDecimal("-100.0")));
        csv.row(Arrays.asList("acme", new BigDecimal("1E+3"), Double.NEGATIVE_INFINITY, 12L, null));

        assertThat(rowsOf(csv)).containsExactly(
                "'-12.5,-12.50,-3.3,-7,-100.0",
                "acme,1000,'-Infinity,12,");
    }

    @Test
    void cells_with_a_comma_quote_or_line_break_are_quoted_and_other_values_are_written_as_text() {
        CsvTable csv = new CsvTable(List.of("name", "note", "on", "caught"));
        csv.row(List.of("Acme, Inc.", "said \"no\"\nthen left", LocalDate.parse("2026-03-01"), true));

        assertThat(rowsOf(csv)).containsExactly("\"Acme, Inc.\",\"said \"\"no\"\"\nthen left\",2026-03-01,true");
    }

    @Test
    void a_download_is_text_csv_in_utf_8_as_an_attachment_with_its_file_name_quoted() {
        var download = new CsvTable(List.of("a")).download("health-acme \"east\".csv");

        assertThat(download.getHeaders().getContentType()).isEqualTo(CsvTable.TEXT_CSV);
        assertThat(download.getHeaders().getContentDisposition().getType()).isEqualTo("attachment");
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo("health-acme \"east\".csv");
        assertThat(download.getBody()).isEqualTo("a\r\n");
    }
}
