package dev.gannet.lmtp.protocol;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.EmailAddress;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one command line into an {@link LmtpCommand} (RFC 5321 §4.1.1 and §4.1.2 grammar, RFC 2033 §4.1
 * LHLO, RFC 3030 §2 BDAT). It knows nothing of the session: whether a command is legal now is the
 * dispatcher's question. Unknown verbs answer 500 5.5.1, bad arguments 501 5.5.4, a bad address 501 5.1.3
 * or 5.1.7, an unknown MAIL or RCPT parameter 555 5.5.4.
 */
public final class CommandParser {

    private static final Pattern BDAT = Pattern.compile("(?i)BDAT +(\\d{1,18})( +LAST)? *");
    private static final Pattern PATH = Pattern.compile("<([^<>\\s]*)>");
    private static final Pattern SIZE = Pattern.compile("\\d{1,18}");

    private CommandParser() {
    }

    /** The chunk size if {@code line} is a well-formed BDAT command, else -1; the decoder frames on it. */
    public static long bdatChunkSize(String line) {
        Matcher m = BDAT.matcher(line);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** True for the commands after which the decoder waits for the session (DATA, STARTTLS). */
    public static boolean pausesInput(String line) {
        String t = line.strip();
        return t.equalsIgnoreCase("DATA") || t.equalsIgnoreCase("STARTTLS");
    }

    public static LmtpCommand parse(String line) throws SyntaxError {
        String trimmed = line.strip();
        int sp = trimmed.indexOf(' ');
        String verb = (sp < 0 ? trimmed : trimmed.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : trimmed.substring(sp + 1).strip();
        switch (verb) {
            case "LHLO":
                if (arg.isEmpty() || arg.contains(" ")) {
                    throw syntax("Syntax: LHLO hostname");
                }
                return new LmtpCommand.Lhlo(arg);
            case "MAIL":
                return mail(arg);
            case "RCPT":
                return rcpt(arg);
            case "DATA":
                noArgument(verb, arg);
                return new LmtpCommand.Data();
            case "BDAT":
                return bdat(line);
            case "RSET":
                noArgument(verb, arg);
                return new LmtpCommand.Rset();
            case "NOOP":
                return new LmtpCommand.Noop();
            case "QUIT":
                noArgument(verb, arg);
                return new LmtpCommand.Quit();
            case "VRFY":
                if (arg.isEmpty()) {
                    throw syntax("Syntax: VRFY address");
                }
                return new LmtpCommand.Vrfy(arg);
            case "HELP":
                return new LmtpCommand.Help(arg);
            case "STARTTLS":
                noArgument(verb, arg);
                return new LmtpCommand.StartTls();
            case "HELO":
            case "EHLO":
                throw new SyntaxError(Reply.of(500, "5.5.1", "This is LMTP: say LHLO"));
            default:
                throw new SyntaxError(Reply.of(500, "5.5.1", "Command not recognized"));
        }
    }

    private static void noArgument(String verb, String arg) throws SyntaxError {
        if (!arg.isEmpty()) {
            throw syntax("Syntax: " + verb + " takes no argument");
        }
    }

    private static SyntaxError syntax(String text) {
        return new SyntaxError(Reply.of(501, "5.5.4", text));
    }

    /** Matched on the line exactly as the decoder framed it, so both agree on where the chunk is. */
    private static LmtpCommand bdat(String line) throws SyntaxError {
        Matcher m = BDAT.matcher(line);
        if (!m.matches()) {
            throw syntax("Syntax: BDAT size [LAST]");
        }
        return new LmtpCommand.Bdat(Long.parseLong(m.group(1)), m.group(2) != null);
    }

    /** The text after {@code keyword:} (e.g. FROM:), allowing one space after the colon. */
    private static String afterKeyword(String arg, String keyword, String usage) throws SyntaxError {
        if (arg.length() < keyword.length() || !arg.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw syntax("Syntax: " + usage);
        }
        return arg.substring(keyword.length()).stripLeading();
    }

    private static LmtpCommand mail(String arg) throws SyntaxError {
        String rest = afterKeyword(arg, "FROM:", "MAIL FROM:<address> [parameters]");
        Matcher m = PATH.matcher(rest);
        if (!m.lookingAt()) {
            throw new SyntaxError(Reply.of(501, "5.1.7", "Bad sender address syntax"));
        }
        String path = stripSourceRoute(m.group(1));
        long size = -1;
        LmtpCommand.Body body = LmtpCommand.Body.SEVEN_BIT;
        boolean utf8 = false;
        for (String param : parameters(rest.substring(m.end()))) {
            int eq = param.indexOf('=');
            String key = (eq < 0 ? param : param.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : param.substring(eq + 1);
            if (key.equals("SIZE") && value != null && SIZE.matcher(value).matches()) {
                size = Long.parseLong(value);
            } else if (key.equals("BODY") && "7BIT".equalsIgnoreCase(value)) {
                body = LmtpCommand.Body.SEVEN_BIT;
            } else if (key.equals("BODY") && "8BITMIME".equalsIgnoreCase(value)) {
                body = LmtpCommand.Body.EIGHT_BIT_MIME;
            } else if (key.equals("SMTPUTF8") && value == null) {
                utf8 = true;
            } else if (key.equals("SIZE") || key.equals("BODY") || key.equals("SMTPUTF8")) {
                throw syntax("Bad value for " + key);
            } else {
                throw new SyntaxError(Reply.of(555, "5.5.4", "Unsupported MAIL parameter " + key));
            }
        }
        return new LmtpCommand.Mail(path, size, body, utf8);
    }

    private static LmtpCommand rcpt(String arg) throws SyntaxError {
        String rest = afterKeyword(arg, "TO:", "RCPT TO:<address>");
        Matcher m = PATH.matcher(rest);
        if (!m.lookingAt()) {
            throw new SyntaxError(Reply.of(501, "5.1.3", "Bad recipient address syntax"));
        }
        String path = stripSourceRoute(m.group(1));
        for (String param : parameters(rest.substring(m.end()))) {
            throw new SyntaxError(Reply.of(555, "5.5.4", "Unsupported RCPT parameter " + param));
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(path);
        } catch (GannetException e) {
            throw new SyntaxError(Reply.of(501, "5.1.3", "Bad recipient address syntax"));
        }
        return new LmtpCommand.Rcpt(path, address);
    }

    /** RFC 5321 §4.1.2 allows a source route ({@code @a,@b:user@d}), which is ignored (Appendix C). */
    private static String stripSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            return colon < 0 ? path : path.substring(colon + 1);
        }
        return path;
    }

    private static String[] parameters(String text) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : t.split(" +");
    }
}
