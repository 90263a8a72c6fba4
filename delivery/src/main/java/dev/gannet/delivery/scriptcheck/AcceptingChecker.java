package dev.gannet.delivery.scriptcheck;

import java.util.List;

/**
 * Stands in for the Sieve parser until it is part of the build: it finds no error in any script and advertises
 * the extensions delivery is to support (issue 16). {@link ScriptChecker#engine()} is switched to the parser
 * once it exists; nothing else depends on this class.
 */
final class AcceptingChecker implements ScriptChecker {

    static final AcceptingChecker INSTANCE = new AcceptingChecker();

    private static final List<String> EXTENSIONS = List.of("fileinto", "reject", "ereject", "envelope",
            "imap4flags", "copy", "body", "variables", "relational", "subaddress", "regex", "date", "mailbox",
            "vacation", "include");

    private AcceptingChecker() {
    }

    @Override
    public List<String> errors(String source) {
        return List.of();
    }

    @Override
    public List<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public int maxRedirects() {
        return 4;
    }
}
