package dev.gannet.imap.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FLAGS and PERMANENTFLAGS a session has been told (RFC 3501 §7.2.6, §7.1): the system flags, then every
 * keyword the mailbox's messages have carried, in the order they were first seen. Keywords match without case,
 * as the store's {@code Flags} do, so each keeps the spelling it was first announced with. The list only grows,
 * as the mailbox's does: a keyword once defined stays defined while the mailbox is selected (Dovecot 2.3 keeps
 * listing a keyword after the last message carrying it lost it, too).
 */
final class FlagList {

    static final String SYSTEM = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    private final Map<String, String> keywords = new LinkedHashMap<>();

    FlagList(Collection<String> initial) {
        learn(initial);
    }

    /** Adds the keywords not yet in the list; true if there was one. */
    synchronized boolean learn(Collection<String> more) {
        boolean added = false;
        for (String k : more) {
            added |= keywords.putIfAbsent(k.toLowerCase(Locale.ROOT), k) == null;
        }
        return added;
    }

    synchronized List<String> keywords() {
        return new ArrayList<>(keywords.values());
    }

    /** {@code FLAGS (...)}, the untagged response's text. */
    String flags() {
        return "FLAGS (" + join(SYSTEM) + ")";
    }

    /**
     * {@code OK [PERMANENTFLAGS (...)] ...}: every flag and {@code \*} (new keywords may be created) in a
     * read-write mailbox, none in a read-only one (RFC 3501 §6.3.2).
     */
    String permanentFlags(boolean readOnly) {
        return readOnly ? "OK [PERMANENTFLAGS ()] Read-only mailbox"
                : "OK [PERMANENTFLAGS (" + join(SYSTEM) + " \\*)] Flags permitted";
    }

    private String join(String system) {
        List<String> kws = keywords();
        return kws.isEmpty() ? system : system + " " + String.join(" ", kws);
    }
}
