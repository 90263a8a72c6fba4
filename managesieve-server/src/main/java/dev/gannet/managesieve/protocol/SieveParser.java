package dev.gannet.managesieve.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a decoded line into a {@link SieveCommand} (RFC 5804 §2 and the ABNF of §4): the command name is
 * case-insensitive, every argument is checked for its kind (string or number) and the count is exact.
 */
public final class SieveParser {

    private SieveParser() {
    }

    public static SieveCommand parse(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new SieveParseException("empty command");
        }
        if (!(tokens.get(0) instanceof Token.Atom name)) {
            throw new SieveParseException("a command starts with its name");
        }
        Verb verb;
        try {
            verb = Verb.valueOf(name.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SieveParseException("unknown command");
        }
        Args a = new Args(verb, tokens);
        SieveCommand c = switch (verb) {
            case AUTHENTICATE -> new SieveCommand.Authenticate(a.string(1),
                    tokens.size() > 2 ? Optional.of(a.string(2)) : Optional.empty());
            case STARTTLS -> new SieveCommand.StartTls();
            case LOGOUT -> new SieveCommand.Logout();
            case CAPABILITY -> new SieveCommand.Capability();
            case NOOP -> new SieveCommand.Noop(tokens.size() > 1 ? Optional.of(a.string(1)) : Optional.empty());
            case HAVESPACE -> new SieveCommand.HaveSpace(a.string(1), a.number(2));
            case PUTSCRIPT -> new SieveCommand.PutScript(a.string(1), a.string(2));
            case LISTSCRIPTS -> new SieveCommand.ListScripts();
            case SETACTIVE -> new SieveCommand.SetActive(a.string(1));
            case GETSCRIPT -> new SieveCommand.GetScript(a.string(1));
            case DELETESCRIPT -> new SieveCommand.DeleteScript(a.string(1));
            case RENAMESCRIPT -> new SieveCommand.RenameScript(a.string(1), a.string(2));
            case CHECKSCRIPT -> new SieveCommand.CheckScript(a.string(1));
            case UNAUTHENTICATE -> new SieveCommand.Unauthenticate();
        };
        int expected = switch (verb) {
            case AUTHENTICATE -> Math.max(2, Math.min(tokens.size(), 3));
            case NOOP -> Math.min(tokens.size(), 2);
            case HAVESPACE, PUTSCRIPT, RENAMESCRIPT -> 3;
            case SETACTIVE, GETSCRIPT, DELETESCRIPT, CHECKSCRIPT -> 2;
            default -> 1;
        };
        if (tokens.size() != expected) {
            throw new SieveParseException("wrong number of arguments for " + verb);
        }
        return c;
    }

    private record Args(Verb verb, List<Token> tokens) {
        String string(int i) {
            if (i >= tokens.size()) {
                throw new SieveParseException("missing argument for " + verb);
            }
            if (!(tokens.get(i) instanceof Token.Str s)) {
                throw new SieveParseException(verb + " expects a string (quoted or literal) as argument " + i);
            }
            return s.text();
        }

        long number(int i) {
            if (i >= tokens.size()) {
                throw new SieveParseException("missing argument for " + verb);
            }
            if (!(tokens.get(i) instanceof Token.Atom n) || !n.text().matches("[0-9]{1,10}")
                    || Long.parseLong(n.text()) > 4_294_967_295L) {
                throw new SieveParseException(verb + " expects a number as argument " + i);
            }
            return Long.parseLong(n.text());
        }
    }
}
