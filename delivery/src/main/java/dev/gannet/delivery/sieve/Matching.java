package dev.gannet.delivery.sieve;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Comparators (RFC 4790: i;octet, i;ascii-casemap, i;ascii-numeric) and match types (RFC 5228 §2.7.1 :is,
 * :contains, :matches; RFC 5231 :count and :value; the regex draft's :regex). :matches and :regex record their
 * captures for ${0}..${9} (RFC 5229 §3.2). Regular expressions are Java's syntax, which covers POSIX extended
 * expressions as scripts write them; they are limited in length and run on a metered view of the text.
 */
final class Matching {

    enum Comparator { OCTET, CASEMAP, NUMERIC }

    private Matching() {
    }

    static Comparator comparator(String name) {
        if (name == null) {
            return Comparator.CASEMAP;
        }
        return switch (name) {
            case "i;octet" -> Comparator.OCTET;
            case "i;ascii-numeric" -> Comparator.NUMERIC;
            default -> Comparator.CASEMAP;
        };
    }

    static Pattern compileRegex(String re, int maxLength, int line, boolean variables) throws SieveSyntaxException {
        if (re.length() > maxLength) {
            throw new SieveSyntaxException(line, "regular expression longer than " + maxLength);
        }
        if (variables && re.contains("${")) {
            return null; // checked at run time, once the variables are known
        }
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new SieveSyntaxException(line, "bad regular expression: " + e.getDescription());
        }
    }

    /** One comparison; {@code captures} receives match variables on a successful :matches or :regex (or null). */
    static boolean test(String type, String relation, Comparator cmp, String value, String key, List<String> captures,
            Budget budget, int maxRegexLength) {
        budget.step(1 + (value.length() + key.length()) / 64);
        return switch (type) {
            case "is" -> compare(cmp, value, key) == 0;
            case "contains" -> cmp == Comparator.NUMERIC ? compare(cmp, value, key) == 0
                    : fold(cmp, value).contains(fold(cmp, key));
            case "matches" -> regex(globToRegex(key), cmp, value, captures, budget);
            case "regex" -> {
                if (key.length() > maxRegexLength) {
                    throw new SieveRuntimeException(budget.line, "regular expression longer than " + maxRegexLength);
                }
                yield regex(key, cmp, value, captures, budget);
            }
            case "value" -> relation(relation, compare(cmp, value, key));
            default -> throw new IllegalStateException(type);
        };
    }

    static boolean relation(String op, int c) {
        return switch (op.toLowerCase(Locale.ROOT)) {
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            default -> false;
        };
    }

    private static String fold(Comparator cmp, String s) {
        return cmp == Comparator.CASEMAP ? asciiLower(s) : s;
    }

    static String asciiLower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b == null ? s : b.toString();
    }

    static int compare(Comparator cmp, String a, String b) {
        return switch (cmp) {
            case OCTET -> a.compareTo(b);
            case CASEMAP -> asciiLower(a).compareTo(asciiLower(b));
            case NUMERIC -> {
                BigInteger x = leadingNumber(a);
                BigInteger y = leadingNumber(b);
                // a string without leading digits is positive infinity (RFC 4790 §9.1)
                if (x == null || y == null) {
                    yield x == null && y == null ? 0 : x == null ? 1 : -1;
                }
                yield x.compareTo(y);
            }
        };
    }

    private static BigInteger leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i < 40) {
            i++;
        }
        return i == 0 ? null : new BigInteger(s.substring(0, i));
    }

    private static boolean regex(String re, Comparator cmp, String value, List<String> captures, Budget budget) {
        Pattern p;
        try {
            p = Pattern.compile(re, Pattern.DOTALL | (cmp == Comparator.CASEMAP ? Pattern.CASE_INSENSITIVE : 0));
        } catch (PatternSyntaxException e) {
            throw new SieveRuntimeException(budget.line, "bad regular expression: " + e.getDescription());
        }
        Matcher m = p.matcher(budget.metered(value));
        boolean found = isGlob(re) ? m.matches() : m.find();
        if (found && captures != null) {
            captures.clear();
            for (int g = 0; g <= Math.min(m.groupCount(), 9); g++) {
                String s = m.group(g);
                captures.add(s == null ? "" : s);
            }
        }
        return found;
    }

    private static final String GLOB_MARK = "(?:)";

    private static boolean isGlob(String re) {
        return re.startsWith(GLOB_MARK);
    }

    /** A :matches pattern as a regex matched whole; each '*' and '?' is a group (RFC 5229 §3.2, shortest first). */
    static String globToRegex(String glob) {
        StringBuilder b = new StringBuilder(GLOB_MARK);
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                literal(b, glob.charAt(++i));
            } else if (c == '*') {
                b.append("(.*?)");
            } else if (c == '?') {
                b.append("(.)");
            } else {
                literal(b, c);
            }
        }
        return b.toString();
    }

    private static void literal(StringBuilder b, char c) {
        // a backslash before a non-alphanumeric character is always a literal in java.util.regex
        if (!Character.isLetterOrDigit(c)) {
            b.append('\\');
        }
        b.append(c);
    }
}
