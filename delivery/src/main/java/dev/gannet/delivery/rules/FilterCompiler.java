package dev.gannet.delivery.rules;

import dev.gannet.core.store.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compiles a user's WildDuck filters to one Sieve script (RFC 5228), each filter one {@code if} in creation order.
 * Query: {@code from}, {@code subject}, {@code listId} are {@code header :contains} on From, Subject and List-Id,
 * {@code to} on To and Cc, all with the default comparator {@code i;ascii-casemap} (case-insensitive for ASCII, as
 * WildDuck's partial match); {@code text} is {@code body :text :contains} (RFC 5173); {@code size} is
 * {@code size :over n} when positive and {@code size :under |n|} when negative; {@code ha} (has attachment) is
 * {@code header :contains "Content-Type" "multipart/mixed"} (or its negation), the top-level type a message with
 * attachments has. Action: {@code seen}/{@code flag} are {@code addflag} (RFC 5232) of \Seen/\Flagged, which the
 * message keeps wherever it is stored; {@code targets} are {@code redirect :copy} (RFC 3894); {@code delete} is
 * {@code discard} and ends the script (WildDuck: the message is not stored); {@code spam} files into the Junk
 * mailbox, else {@code mailbox} into that mailbox (a mailbox gone since is skipped: the message stays in INBOX).
 * Several matching filters all act, as in WildDuck.
 */
public final class FilterCompiler {

    /** The path of Junk when the user has no Junk mailbox. */
    public static final String DEFAULT_JUNK = "Junk";

    private FilterCompiler() {
    }

    /**
     * The script for {@code filters} (disabled ones are left out), or null when none is enabled.
     *
     * @param mailboxPath a mailbox id to its path, null when the user has no such mailbox
     */
    public static String compile(List<Filter> filters, Function<String, String> mailboxPath, String junkPath) {
        TreeSet<String> require = new TreeSet<>();
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (Filter f : filters) {
            if (f.disabled()) {
                continue;
            }
            n++;
            body.append("# filter ").append(f.id()).append("\r\n");
            List<String> tests = tests(f.query(), require);
            body.append(tests.isEmpty() ? "if true" : tests.size() == 1 ? "if " + tests.get(0)
                    : "if allof(" + String.join(", ", tests) + ")").append(" {\r\n");
            actions(f.action(), mailboxPath, junkPath, require, body);
            body.append("}\r\n");
        }
        return n == 0 ? null : SieveText.require(require) + body;
    }

    static List<String> tests(Filter.Query q, TreeSet<String> require) {
        List<String> tests = new ArrayList<>();
        if (q.from() != null) {
            tests.add("header :contains \"from\" " + SieveText.quote(q.from()));
        }
        if (q.to() != null) {
            tests.add("header :contains [\"to\", \"cc\"] " + SieveText.quote(q.to()));
        }
        if (q.subject() != null) {
            tests.add("header :contains \"subject\" " + SieveText.quote(q.subject()));
        }
        if (q.listId() != null) {
            tests.add("header :contains \"list-id\" " + SieveText.quote(q.listId()));
        }
        if (q.text() != null) {
            require.add("body");
            tests.add("body :text :contains " + SieveText.quote(q.text()));
        }
        if (q.ha() != null) {
            String t = "header :contains \"content-type\" \"multipart/mixed\"";
            tests.add(q.ha() ? t : "not " + t);
        }
        if (q.size() != null && q.size() != 0) {
            tests.add(q.size() > 0 ? "size :over " + q.size() : "size :under " + Math.abs(q.size()));
        }
        return tests;
    }

    private static void actions(Filter.Action a, Function<String, String> mailboxPath, String junkPath,
            TreeSet<String> require, StringBuilder out) {
        if (Boolean.TRUE.equals(a.seen())) {
            require.add("imap4flags");
            out.append("    addflag \"\\\\Seen\";\r\n");
        }
        if (Boolean.TRUE.equals(a.flag())) {
            require.add("imap4flags");
            out.append("    addflag \"\\\\Flagged\";\r\n");
        }
        if (a.targets() != null) {
            for (String target : a.targets()) {
                require.add("copy");
                out.append("    redirect :copy ").append(SieveText.quote(target)).append(";\r\n");
            }
        }
        if (Boolean.TRUE.equals(a.delete())) {
            out.append("    discard;\r\n    stop;\r\n");
            return;
        }
        String folder = null;
        if (Boolean.TRUE.equals(a.spam())) {
            folder = junkPath == null ? DEFAULT_JUNK : junkPath;
        } else if (a.mailbox() != null) {
            folder = mailboxPath.apply(a.mailbox());
        }
        if (folder != null) {
            require.add("fileinto");
            out.append("    fileinto ").append(SieveText.quote(folder)).append(";\r\n");
        }
    }
}
