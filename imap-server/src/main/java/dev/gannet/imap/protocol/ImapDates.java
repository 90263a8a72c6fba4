package dev.gannet.imap.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * The IMAP {@code date-time} (INTERNALDATE, APPEND) and {@code date} (SEARCH) forms of RFC 3501 §9:
 * {@code "dd-Mon-yyyy hh:mm:ss +zzzz"} with a space-padded day, and {@code d-Mon-yyyy}.
 */
public final class ImapDates {

    private static final DateTimeFormatter REST = DateTimeFormatter.ofPattern("MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);
    // Month names are case-insensitive (RFC 3501 §9: string literals in ABNF are), so "24-mar-2007" is valid.
    private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy HH:mm:ss Z").toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy").toFormatter(Locale.ENGLISH);

    private ImapDates() {
    }

    /** {@code "17-Jul-1996 02:44:25 +0000"} with the quotes; Gannet reports internal dates in UTC. */
    public static String dateTime(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        int day = t.getDayOfMonth();
        return "\"" + (day < 10 ? " " + day : Integer.toString(day)) + "-" + REST.format(t) + "\"";
    }

    /** Parses a date-time without quotes (a leading space of the day is allowed). */
    public static Instant parseDateTime(String s) {
        try {
            return ZonedDateTime.parse(s.strip(), PARSE).toInstant();
        } catch (DateTimeException e) {
            throw new ImapParseException("Invalid date-time");
        }
    }

    public static LocalDate parseDate(String s) {
        try {
            return LocalDate.parse(s, DATE);
        } catch (DateTimeException e) {
            throw new ImapParseException("Invalid date");
        }
    }
}
