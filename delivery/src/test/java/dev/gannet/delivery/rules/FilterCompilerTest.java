package dev.gannet.delivery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WildDuck filter JSON fields, autoreplies and targets to Sieve text. */
class FilterCompilerTest {

    private static final UserId U = new UserId("u1");

    private static Filter filter(String id, Filter.Query q, Filter.Action a, boolean disabled) {
        return new Filter(id, U, null, q, a, disabled, Instant.EPOCH);
    }

    private static String lines(String... l) {
        return String.join("\r\n", l) + "\r\n";
    }

    @Test
    void everyQueryFieldAndActionHasItsSieveForm() {
        Filter f = filter("f1", new Filter.Query("Alice", "bob@example.com", "Report", "list.example.com", "invoice", true, 1000L),
                new Filter.Action(true, true, null, null, "m1", List.of("fwd@example.net")), false);
        String s = FilterCompiler.compile(List.of(f), Map.of("m1", "Work/Reports")::get, "Junk");
        assertThat(s).isEqualTo(lines(
                "require [\"body\", \"copy\", \"fileinto\", \"imap4flags\"];",
                "# filter f1",
                "if allof(header :contains \"from\" \"Alice\", header :contains [\"to\", \"cc\"] \"bob@example.com\", "
                        + "header :contains \"subject\" \"Report\", header :contains \"list-id\" \"list.example.com\", "
                        + "body :text :contains \"invoice\", header :contains \"content-type\" \"multipart/mixed\", size :over 1000) {",
                "    addflag \"\\\\Seen\";",
                "    addflag \"\\\\Flagged\";",
                "    redirect :copy \"fwd@example.net\";",
                "    fileinto \"Work/Reports\";",
                "}"));
    }

    @Test
    void negativeSizeIsUnderAndHaFalseIsNegated() {
        Filter f = filter("f1", new Filter.Query(null, null, null, null, null, false, -500L), Filter.Action.EMPTY, false);
        assertThat(FilterCompiler.compile(List.of(f), id -> null, null)).isEqualTo(lines(
                "# filter f1",
                "if allof(not header :contains \"content-type\" \"multipart/mixed\", size :under 500) {",
                "}"));
    }

    @Test
    void deleteDiscardsAndStopsSpamGoesToJunkAndEmptyQueryMatchesAll() {
        Filter del = filter("a", new Filter.Query("spammer", null, null, null, null, null, null),
                new Filter.Action(null, null, true, null, "m1", null), false);
        Filter spam = filter("b", Filter.Query.EMPTY, new Filter.Action(null, null, null, true, "m1", null), false);
        String s = FilterCompiler.compile(List.of(del, spam), Map.of("m1", "X")::get, "Spam");
        assertThat(s).isEqualTo(lines(
                "require \"fileinto\";",
                "# filter a",
                "if header :contains \"from\" \"spammer\" {",
                "    discard;",
                "    stop;",
                "}",
                "# filter b",
                "if true {",
                "    fileinto \"Spam\";",
                "}"));
    }

    @Test
    void disabledFiltersAndGoneMailboxesAreLeftOut() {
        Filter off = filter("a", Filter.Query.EMPTY, new Filter.Action(true, null, null, null, null, null), true);
        assertThat(FilterCompiler.compile(List.of(off), id -> null, null)).isNull();
        Filter gone = filter("b", Filter.Query.EMPTY, new Filter.Action(null, null, null, null, "deleted", null), false);
        assertThat(FilterCompiler.compile(List.of(off, gone), id -> null, null)).doesNotContain("fileinto").contains("# filter b");
    }

    @Test
    void valuesCannotBreakOutOfTheirString() {
        Filter f = filter("a", new Filter.Query("x\"; discard; if true { keep; } #\\", null, null, null, null, null, null),
                Filter.Action.EMPTY, false);
        assertThat(FilterCompiler.compile(List.of(f), id -> null, null))
                .contains("header :contains \"from\" \"x\\\"; discard; if true { keep; } #\\\\\" {");
    }

    @Test
    void autoreplyIsAVacationWithSubjectFromAddressesAndMimeForHtml() {
        Autoreply plain = new Autoreply(true, "Ann Example", "Away", "Back on Monday.\nAnn", "", null, null, null);
        assertThat(AutoreplyCompiler.compile(plain, 1, "ann@example.com", List.of("ann@example.com", "a@example.com")))
                .isEqualTo("require \"vacation\";\r\nvacation :days 1 :subject \"Away\" :from \"\\\"Ann Example\\\" <ann@example.com>\""
                        + " :addresses [\"ann@example.com\", \"a@example.com\"] \"Back on Monday.\r\nAnn\";\r\n");
        Autoreply html = new Autoreply(true, "Jürgen", "", "text", "<b>html</b>", null, null, null);
        String s = AutoreplyCompiler.compile(html, 3, "j@example.com", List.of());
        assertThat(s).startsWith("require \"vacation\";\r\nvacation :days 3 :from \"=?UTF-8?B?SsO8cmdlbg==?= <j@example.com>\" :mime \"Content-Type: multipart/alternative;")
                .contains("Content-Type: text/html; charset=utf-8").contains("PGI+aHRtbDwvYj4=").doesNotContain(":subject");
    }

    @Test
    void targetsAreRedirectsWithCopy() {
        assertThat(ForwardingCompiler.compile(List.of("a@example.com", "b@example.org"))).isEqualTo(lines(
                "require \"copy\";", "redirect :copy \"a@example.com\";", "redirect :copy \"b@example.org\";"));
        assertThat(ForwardingCompiler.compile(List.of())).isNull();
    }

    @Test
    void autoreplyWindow() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        Instant end = Instant.parse("2030-01-08T00:00:00Z");
        Autoreply a = new Autoreply(true, "", "", "t", "", start, end, null);
        assertThat(a.activeAt(start.minusSeconds(1))).isFalse();
        assertThat(a.activeAt(start)).isTrue();
        assertThat(a.activeAt(end)).isFalse();
        assertThat(new Autoreply(false, "", "", "t", "", null, null, null).activeAt(start)).isFalse();
    }
}
