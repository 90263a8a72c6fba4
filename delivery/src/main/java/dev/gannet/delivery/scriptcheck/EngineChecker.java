package dev.gannet.delivery.scriptcheck;

import dev.gannet.delivery.sieve.SieveLimits;
import dev.gannet.delivery.sieve.SieveParser;
import dev.gannet.delivery.sieve.SieveSyntaxException;

import java.util.List;

/**
 * The checker backed by delivery's own Sieve parser, with the limits delivery runs scripts under: a script is
 * valid exactly when delivery could run it. The parser stops at its first error, so there is at most one
 * message. The extension list is what the parser accepts in a {@code require}, found by asking it, so it can
 * never claim more than the engine does; RFC 5804 §1.7 lists comparators separately, so they are left out.
 */
final class EngineChecker implements ScriptChecker {

    /** Extensions a client may look for; only those the parser accepts are advertised. */
    private static final List<String> CANDIDATES = List.of("fileinto", "reject", "ereject", "envelope", "imap4flags",
            "copy", "body", "variables", "relational", "subaddress", "regex", "date", "index", "mailbox", "vacation",
            "vacation-seconds", "include", "encoded-character", "editheader", "duplicate", "spamtest", "virustest",
            "environment", "ihave", "enotify", "mboxmetadata", "servermetadata", "foreverypart", "mime",
            "extracttext", "special-use", "imapflags", "notify");

    /** Declared after the candidates it reads. */
    static final EngineChecker INSTANCE = new EngineChecker();

    private final List<String> extensions;

    private EngineChecker() {
        this.extensions = CANDIDATES.stream().filter(EngineChecker::accepted).toList();
    }

    private static boolean accepted(String extension) {
        try {
            SieveParser.parse("require \"" + extension + "\";\r\n");
            return true;
        } catch (SieveSyntaxException e) {
            return false;
        }
    }

    @Override
    public List<String> errors(String source) {
        try {
            SieveParser.parse(source);
            return List.of();
        } catch (SieveSyntaxException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public int maxRedirects() {
        return SieveLimits.defaults().maxRedirects();
    }
}
