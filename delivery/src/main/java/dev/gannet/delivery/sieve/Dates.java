package dev.gannet.delivery.sieve;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.JulianFields;
import java.util.Locale;
import java.util.Optional;

/** Date parts of RFC 5260 §4.2 from a header's RFC 5322 date, in the zone :zone names (default: the server's). */
final class Dates {

    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("[EEE, ]d MMM yyyy HH:mm[:ss] xx", Locale.ENGLISH);

    private Dates() {
    }

    static Optional<ZonedDateTime> parse(String value) {
        String v = value.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").trim();
        v = v.replaceAll(" (UT|GMT|Z)$", " +0000").replaceAll(" EST$", " -0500").replaceAll(" EDT$", " -0400")
                .replaceAll(" CST$", " -0600").replaceAll(" CDT$", " -0500").replaceAll(" MST$", " -0700")
                .replaceAll(" MDT$", " -0600").replaceAll(" PST$", " -0800").replaceAll(" PDT$", " -0700");
        try {
            return Optional.of(ZonedDateTime.parse(v, RFC5322));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code zone}: "+hhmm"/"-hhmm", "" for the server's zone, null to keep the date's own. */
    static ZonedDateTime zoned(ZonedDateTime d, String zone) {
        if (zone == null) {
            return d;
        }
        if (zone.isEmpty()) {
            return d.withZoneSameInstant(ZoneId.systemDefault());
        }
        try {
            return d.withZoneSameInstant(ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone));
        } catch (DateTimeException e) {
            return d;
        }
    }

    static String part(ZonedDateTime d, String part) {
        return switch (part) {
            case "year" -> String.format("%04d", d.getYear());
            case "month" -> String.format("%02d", d.getMonthValue());
            case "day" -> String.format("%02d", d.getDayOfMonth());
            case "date" -> d.format(DateTimeFormatter.ISO_LOCAL_DATE);
            case "julian" -> Long.toString(d.toLocalDate().getLong(JulianFields.MODIFIED_JULIAN_DAY));
            case "hour" -> String.format("%02d", d.getHour());
            case "minute" -> String.format("%02d", d.getMinute());
            case "second" -> String.format("%02d", d.getSecond());
            case "time" -> d.format(DateTimeFormatter.ofPattern("HH:mm:ss"));
            case "iso8601" -> d.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case "std11" -> d.format(DateTimeFormatter.RFC_1123_DATE_TIME);
            case "zone" -> d.getOffset().getId().equals("Z") ? "+0000" : d.getOffset().getId().replace(":", "");
            case "weekday" -> Integer.toString(d.getDayOfWeek().getValue() % 7);
            default -> "";
        };
    }
}
