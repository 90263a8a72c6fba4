package dev.gannet.pop3.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns one command line (without CRLF) into a {@link Pop3Command} (RFC 1939 §3: a case-insensitive
 * keyword, then arguments separated by spaces; RFC 2449 §3 allows keywords of 3-4 characters and
 * lines of 255 octets, longer ones are stopped earlier by the line decoder). PASS takes the rest of the
 * line verbatim, since a password may contain spaces (RFC 1939 §7). Syntax errors are
 * {@link Pop3Exception}s whose text is safe to send back.
 */
public final class Pop3Parser {

    private static final int MAX_NUMBER_DIGITS = 18;

    private Pop3Parser() {
    }

    public static Pop3Command parse(String line) {
        int space = line.indexOf(' ');
        String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : line.substring(space + 1);
        if (keyword.isEmpty()) {
            throw new Pop3Exception("empty command");
        }
        if (keyword.equals("PASS")) {
            if (space < 0) {
                throw new Pop3Exception("PASS needs a password");
            }
            return new Pop3Command.Pass(rest);
        }
        String[] args = rest.isBlank() ? new String[0] : rest.strip().split(" +");
        switch (keyword) {
            case "USER":
                requireArgs(keyword, args, 1, 1);
                return new Pop3Command.User(args[0]);
            case "AUTH":
                requireArgs(keyword, args, 0, 2);
                return new Pop3Command.Auth(args.length > 0 ? Optional.of(args[0]) : Optional.empty(),
                        args.length > 1 ? Optional.of(args[1]) : Optional.empty());
            case "STLS":
                requireArgs(keyword, args, 0, 0);
                return new Pop3Command.Stls();
            case "CAPA":
                requireArgs(keyword, args, 0, 0);
                return new Pop3Command.Capa();
            case "QUIT":
                requireArgs(keyword, args, 0, 0);
                return new Pop3Command.Quit();
            case "STAT":
                requireArgs(keyword, args, 0, 0);
                return new Pop3Command.Stat();
            case "LIST":
                requireArgs(keyword, args, 0, 1);
                return new Pop3Command.List(args.length == 0 ? Optional.empty() : Optional.of(number(args[0])));
            case "UIDL":
                requireArgs(keyword, args, 0, 1);
                return new Pop3Command.Uidl(args.length == 0 ? Optional.empty() : Optional.of(number(args[0])));
            case "RETR":
                requireArgs(keyword, args, 1, 1);
                return new Pop3Command.Retr(number(args[0]));
            case "TOP":
                requireArgs(keyword, args, 2, 2);
                return new Pop3Command.Top(number(args[0]), number(args[1]));
            case "DELE":
                requireArgs(keyword, args, 1, 1);
                return new Pop3Command.Dele(number(args[0]));
            case "RSET":
                requireArgs(keyword, args, 0, 0);
                return new Pop3Command.Rset();
            case "NOOP":
                requireArgs(keyword, args, 0, 0);
                return new Pop3Command.Noop();
            default:
                throw new Pop3Exception("unknown command");
        }
    }

    private static void requireArgs(String keyword, String[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new Pop3Exception(min == max && min == 0 ? keyword + " takes no arguments"
                    : "wrong number of arguments for " + keyword);
        }
    }

    /** A non-negative decimal number; anything else (signs, letters, 19+ digits) is a syntax error. */
    static long number(String s) {
        if (s.isEmpty() || s.length() > MAX_NUMBER_DIGITS) {
            throw new Pop3Exception("invalid number");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Pop3Exception("invalid number");
            }
        }
        return Long.parseLong(s);
    }
}
