package dev.tenure.connectors.files;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvParserUnitTest {

    private static List<CsvParser.Row> rows(String csv) throws IOException {
        CsvParser parser = new CsvParser(new BufferedReader(new StringReader(csv)));
        List<CsvParser.Row> rows = new ArrayList<>();
        for (CsvParser.Row row = parser.next(); row != null; row = parser.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void plainFieldsAreSplitOnCommasAndEmptyFieldsKept() throws IOException {
        assertThat(rows("a,b,,d\r\n1,2,3,\r\n")).extracting(CsvParser.Row::fields)
                .containsExactly(List.of("a", "b", "", "d"), List.of("1", "2", "3", ""));
    }

    @Test
    void aQuotedFieldHoldsCommasAndDoubledQuotes() throws IOException {
        CsvParser.Row row = rows("\"Acme, Inc.\",\"the \"\"big\"\" one\",\"\"\n").get(0);

        assertThat(row.fields()).containsExactly("Acme, Inc.", "the \"big\" one", "");
        assertThat(row.problem()).isNull();
    }

    @Test
    void aQuotedLineBreakContinuesTheRowAndLinesAreStillCounted() throws IOException {
        List<CsvParser.Row> rows = rows("""
                id,comment
                1,"first line
                second line"
                2,plain
                """);

        assertThat(rows).extracting(CsvParser.Row::line).containsExactly(1, 2, 4);
        assertThat(rows.get(1).fields()).containsExactly("1", "first line\nsecond line");
        assertThat(rows.get(1).text()).isEqualTo("1,\"first line\nsecond line\"");
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        assertThat(rows("a\n\n   \nb\n")).extracting(CsvParser.Row::line, r -> r.fields().get(0))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "a"), org.assertj.core.groups.Tuple.tuple(4, "b"));
    }

    @Test
    void textAfterAClosingQuoteIsAProblemOfThatRowOnly() throws IOException {
        List<CsvParser.Row> rows = rows("\"a\"b,c\nd,e\n");

        assertThat(rows.get(0).problem()).isEqualTo("unexpected 'b' after a closing quote (column 4)");
        assertThat(rows.get(1).fields()).containsExactly("d", "e");
    }

    @Test
    void aQuoteNeverClosedIsAProblemNotAnEndlessRow() throws IOException {
        List<CsvParser.Row> rows = rows("a,\"open\nb,c\n");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).line()).isEqualTo(1);
        assertThat(rows.get(0).problem()).isEqualTo("a quoted field is not closed");
    }

    @Test
    void aLineLongerThanTheBoundIsAProblemOfThatLineOnlyKeepingItsStart() throws IOException {
        String longLine = "x,".repeat(CsvParser.MAX_ROW_CHARS) + "end";

        List<CsvParser.Row> rows = rows("a,b\r\n" + longLine + "\r\n1,2\r3,4\n\n5,6");

        assertThat(rows).extracting(CsvParser.Row::line).containsExactly(1, 2, 3, 4, 6);
        assertThat(rows.get(1).problem()).isEqualTo("the line is " + longLine.length() + " characters long; at most "
                + CsvParser.MAX_ROW_CHARS + " are read (its start is kept here)");
        assertThat(rows.get(1).text()).isEqualTo(longLine.substring(0, CsvParser.MAX_ROW_CHARS));
        assertThat(rows).extracting(CsvParser.Row::fields).containsExactly(List.of("a", "b"), List.of(), List.of("1", "2"),
                List.of("3", "4"), List.of("5", "6"));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAsWritten() throws IOException {
        assertThat(rows("5\" screen,x\n").get(0).fields()).containsExactly("5\" screen", "x");
    }

    @Test
    void rowsBecomeRecordsKeyedByTheHeaderWithEmptyCellsLeftOut() throws IOException {
        CsvLines lines = new CsvLines(new BufferedReader(new StringReader("""
                eventId, accountId ,feature
                u-1,acme,core
                u-2,acme
                """)));

        SourceLine first = lines.next();
        SourceLine second = lines.next();

        assertThat(first.record().toString()).isEqualTo("{\"eventId\":\"u-1\",\"accountId\":\"acme\",\"feature\":\"core\"}");
        assertThat(first.line()).isEqualTo(2);
        assertThat(second.problem()).isEqualTo("csv: 2 fields, the header has 3");
        assertThat(second.text()).isEqualTo("u-2,acme");
        assertThat(lines.next()).isNull();
    }

    /** Spreadsheets write a trailing comma after the last name: an empty column, not a broken header. */
    @Test
    void aHeaderEndingInACommaHasAnUnnamedLastColumn_leftOutWhileItsCellsAreEmpty() throws IOException {
        CsvLines lines = new CsvLines(new BufferedReader(new StringReader("""
                eventId,accountId,feature,
                u-1,acme,core,
                u-2,acme,core
                u-3,acme,core,x
                u-4,acme
                """)));

        assertThat(lines.header()).containsExactly("eventId", "accountId", "feature");
        assertThat(lines.next().record().toString()).isEqualTo("{\"eventId\":\"u-1\",\"accountId\":\"acme\",\"feature\":\"core\"}");
        assertThat(lines.next().record().toString()).isEqualTo("{\"eventId\":\"u-2\",\"accountId\":\"acme\",\"feature\":\"core\"}");
        assertThat(lines.next().problem()).isEqualTo("csv: a value in column 4, which the header leaves unnamed");
        assertThat(lines.next().problem()).isEqualTo("csv: 2 fields, the header has 3 and 1 unnamed at its end");
        assertThat(lines.next()).isNull();
        assertThatThrownBy(() -> new CsvLines(new BufferedReader(new StringReader("id,,name\n1,,a\n"))))
                .as("an empty name between two is no trailing comma").isInstanceOf(UnreadableFileException.class)
                .hasMessage("the header (line 1) has an empty column name");
    }

    @Test
    void aHeaderNamingAColumnTwiceMakesTheFileUnreadable() {
        assertThatThrownBy(() -> new CsvLines(new BufferedReader(new StringReader("id,name,id\n1,a,2\n"))))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("the header (line 1) names 'id' twice");
    }
}
