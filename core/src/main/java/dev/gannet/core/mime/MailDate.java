package dev.gannet.core.mime;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lenient reader of the Date header (RFC 5322 §3.3 with the obsolete forms of §4.3), as forgiving as
 * Dovecot's and in two places more (Dovecot 2.3 reads neither three-digit years nor the asctime order):
 * comments and extra white space anywhere, the day of week (and its comma) optional, two- and three-digit
 * years (§4.3: 00-49 are 20xx, 50-999 add 1900), seconds optional, obsolete zone names and military letters, numeric zones out of the usual range (such as {@code -1900}), and the asctime order
 * {@code Mon Mar 24 23:30:00 2007}. The result keeps the header's own calendar date, which is what
 * SENTBEFORE/SENTON/SENTSINCE compare (RFC 3501 §6.4.4), beside the instant that SORT uses (RFC 5256 §2.2).
 */
public record MailDate(LocalDate localDate, Instant instant) {

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    // RFC 5322 §4.3 obsolete zones; military letters other than Z count as zero there ("-0000": unknown).
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("z", 0),
            Map.entry("est", -5 * 60), Map.entry("edt", -4 * 60), Map.entry("cst", -6 * 60), Map.entry("cdt", -5 * 60),
            Map.entry("mst", -7 * 60), Map.entry("mdt", -6 * 60), Map.entry("pst", -8 * 60), Map.entry("pdt", -7 * 60));

    /** The date in {@code value}, or null when no day, month and year can be found in it. */
    public static MailDate parse(String value) {
        if (value == null || value.length() > 1000) {
            return null;
        }
        List<String> t = tokens(value);
        int i = 0;
        if (i < t.size() && isWord(t.get(i)) && month(t.get(i)) < 0) {
            i++; // day of week, any spelling
        }
        Integer day;
        int month;
        boolean asctime = i + 2 < t.size() && month(t.get(i)) >= 0 && number(t.get(i + 1), 2) != null
                && t.get(i + 2).indexOf(':') > 0;
        if (asctime) {
            // the month first only in asctime's order; "April 03, 2002 5:56 AM" is no date of any RFC 5322 form,
            // so SORT uses the internal date for it (RFC 5256 §2.2), as Dovecot does
            month = month(t.get(i));
            day = number(t.get(i + 1), 2);
            i += 2;
        } else if (i + 1 < t.size() && number(t.get(i), 2) != null && month(t.get(i + 1)) >= 0) {
            day = number(t.get(i), 2);
            month = month(t.get(i + 1));
            i += 2;
        } else {
            return null;
        }
        int[] time = null;
        if (i < t.size() && t.get(i).indexOf(':') > 0) {
            time = time(t.get(i++)); // asctime: the time comes before the year
        }
        Integer year = i < t.size() ? number(t.get(i), 4) : null;
        if (year == null) {
            return null;
        }
        String yearText = t.get(i++);
        year = yearText.length() == 2 && year < 50 ? 2000 + year : yearText.length() <= 3 ? 1900 + year : year;
        if (time == null && i < t.size() && t.get(i).indexOf(':') > 0) {
            time = time(t.get(i++));
        }
        if (time == null) {
            time = new int[3];
        }
        int offset = i < t.size() ? zone(t.get(i)) : 0;
        try {
            LocalDate date = LocalDate.of(year, month + 1, day);
            LocalDateTime local = date.atTime(time[0], time[1], time[2]);
            return new MailDate(date, Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offset * 60L));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Words and numbers, with comments, commas and a d-Mon-yyyy form's dashes taken apart. */
    private static List<String> tokens(String value) {
        StringBuilder clean = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && depth > 0) {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                clean.append(c == ',' ? ' ' : c);
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : clean.toString().trim().split("\\s+")) {
            if (s.matches("\\d{1,2}-[A-Za-z]{3,}-\\d{2,4}")) {
                out.addAll(List.of(s.split("-")));
            } else if (s.matches("[A-Za-z]{3,}\\.")) {
                out.add(s.substring(0, s.length() - 1));
            } else if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isWord(String s) {
        return s.chars().allMatch(Character::isLetter) || s.matches("[A-Za-z]+\\.");
    }

    private static int month(String s) {
        if (s.length() < 3 || !s.chars().allMatch(c -> c < 0x80 && Character.isLetter(c))) {
            return -1;
        }
        return MONTHS.indexOf(s.substring(0, 3).toLowerCase(Locale.ROOT));
    }

    private static Integer number(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.parseInt(s);
    }

    /** h:mm, hh:mm:ss; a bad time reads as midnight rather than losing the date. */
    private static int[] time(String s) {
        String[] p = s.split(":", -1);
        int[] out = new int[3];
        for (int k = 0; k < Math.min(3, p.length); k++) {
            Integer n = number(p[k], 2);
            if (n == null) {
                return new int[3];
            }
            out[k] = n;
        }
        return out[0] < 24 && out[1] < 60 && out[2] < 61 ? new int[] {out[0], out[1], Math.min(out[2], 59)} : new int[3];
    }

    /** Minutes east of UTC; unknown zones count as UTC, as RFC 5322 §4.3 says of unknown ones. */
    private static int zone(String s) {
        String z = s.toLowerCase(Locale.ROOT);
        if ((z.startsWith("+") || z.startsWith("-")) && z.length() > 1) {
            String digits = z.substring(1).replace(":", "");
            Integer n = number(digits, 4);
            if (n == null) {
                return 0;
            }
            int minutes = digits.length() <= 2 ? n * 60 : (n / 100) * 60 + n % 100;
            return z.charAt(0) == '-' ? -minutes : minutes;
        }
        Integer named = ZONES.get(z);
        return named == null ? 0 : named;
    }
}
