package dev.gannet.imap.command.list;

import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.status.StatusHandler;
import dev.gannet.imap.protocol.MailboxNames;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * LIST and LSUB (RFC 3501 §6.3.8–9). Parents that exist only because a child does are listed as
 * {@code \Noselect \HasChildren}; every mailbox carries {@code \HasChildren} or {@code \HasNoChildren}
 * (RFC 3348) and its special-use attribute (RFC 6154), as Dovecot answers by default. LSUB lists an
 * unsubscribed parent of a subscribed mailbox as {@code \Noselect} when {@code %} stops short of the child.
 * Extended LIST (RFC 5258): SUBSCRIBED and SPECIAL-USE selection, RECURSIVEMATCH with {@code CHILDINFO},
 * {@code \NonExistent} instead of {@code \Noselect} for implied parents once selection options are given, and
 * {@code \Subscribed}; REMOTE changes nothing, as there are no remote mailboxes. LIST-STATUS (RFC 5819) adds a
 * {@code STATUS} line after each selectable mailbox's.
 */
public final class ListHandler {

    private static final Comparator<String> ORDER = Comparator.comparing((String p) -> !p.equals("INBOX")
            && !p.startsWith("INBOX/")).thenComparing(Comparator.naturalOrder());

    /** Marks, as the last attribute, that the line carries {@code CHILDINFO ("SUBSCRIBED")} extended data. */
    private static final String CHILDINFO = "\u0000CHILDINFO";

    private ListHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.ListMailboxes c, ImapSession s) {
        String verb = c.lsub() ? "LSUB" : "LIST";
        if (!c.lsub() && c.patterns().size() == 1 && c.patterns().get(0).isEmpty()) {
            s.out().untagged("LIST (\\Noselect) \"/\" \"\"");
            return Mono.just(Tagged.ok("List completed"));
        }
        Tagged refused = StatusHandler.refused(s, c.statusItems());
        if (refused != null) {
            return Mono.just(refused);
        }
        boolean utf8 = s.utf8();
        List<MailboxPattern> patterns = c.patterns().stream().map(p -> MailboxPattern.of(c.reference(), p)).toList();
        return s.store().mailboxes().list(s.user().id()).collectList().flatMap(boxes -> {
            Map<String, Mailbox> byPath = new HashMap<>();
            boxes.forEach(b -> byPath.put(b.name().path(), b));
            Map<String, List<String>> lines = c.lsub() ? lsub(boxes, patterns, utf8) : list(c, boxes, patterns, utf8);
            return Flux.fromIterable(lines.entrySet()).concatMap(e -> {
                List<String> attrs = e.getValue();
                int data = attrs.indexOf(CHILDINFO);
                String extra = data < 0 ? "" : " (CHILDINFO (\"SUBSCRIBED\"))";
                List<String> flags = data < 0 ? attrs : attrs.subList(0, data);
                s.out().untagged(line(verb, flags, MailboxName.of(e.getKey()), utf8) + extra);
                Mailbox box = byPath.get(e.getKey());
                // RFC 5819 §2: STATUS follows the LIST line of each selectable mailbox; one that fails is left out
                if (c.statusItems().isEmpty() || box == null) {
                    return Mono.empty();
                }
                return StatusHandler.line(s, box, c.statusItems()).doOnNext(l -> s.out().untagged(l))
                        .onErrorResume(err -> Mono.empty()).then();
            }).then(Mono.fromSupplier(() -> Tagged.ok((c.lsub() ? "Lsub" : "List") + " completed")));
        });
    }

    /** {@code LIST (attributes) "/" name} (or LSUB), without {@code * } and extended data. */
    public static String line(String verb, List<String> attributes, MailboxName name, boolean utf8) {
        return verb + " (" + String.join(" ", attributes) + ") \"/\" " + MailboxNames.encode(name, utf8);
    }

    private static Map<String, List<String>> list(ImapCommand.ListMailboxes c, List<Mailbox> boxes,
            List<MailboxPattern> patterns, boolean utf8) {
        Map<String, Mailbox> existing = new TreeMap<>(ORDER);
        Set<String> parents = new HashSet<>();
        for (Mailbox b : boxes) {
            existing.put(b.name().path(), b);
            List<String> levels = b.name().levels();
            for (int i = 1; i < levels.size(); i++) {
                parents.add(String.join("/", levels.subList(0, i)));
            }
        }
        boolean subscribedOnly = c.selectOptions().contains("SUBSCRIBED");
        boolean specialOnly = c.selectOptions().contains("SPECIAL-USE");
        boolean showSubscribed = subscribedOnly || c.returnOptions().contains("SUBSCRIBED");
        TreeMap<String, Mailbox> all = new TreeMap<>(ORDER);
        all.putAll(existing);
        for (String p : parents) {
            all.putIfAbsent(p, null);
        }
        boolean recursive = c.selectOptions().contains("RECURSIVEMATCH") && subscribedOnly;
        Set<String> subscribedParents = new HashSet<>();
        for (Mailbox b : boxes) {
            List<String> levels = b.name().levels();
            for (int i = 1; b.subscribed() && i < levels.size(); i++) {
                subscribedParents.add(String.join("/", levels.subList(0, i)));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Mailbox> e : all.entrySet()) {
            String path = e.getKey();
            Mailbox box = e.getValue();
            if (!matches(patterns, MailboxNames.wireText(MailboxName.of(path), utf8))) {
                continue;
            }
            boolean childInfo = false;
            if (subscribedOnly && (box == null || !box.subscribed())) {
                // RFC 5258 §3.5: with RECURSIVEMATCH a name whose inferior is subscribed is listed with CHILDINFO
                if (!recursive || !subscribedParents.contains(path)) {
                    continue;
                }
                childInfo = true;
            }
            if (specialOnly && (box == null || box.specialUse().isEmpty())) {
                continue;
            }
            List<String> attrs = new ArrayList<>();
            if (box == null) {
                // RFC 5258 §3.4: extended LIST says a name that is only a parent does not exist
                attrs.add(c.extended() ? "\\NonExistent" : "\\Noselect");
            }
            attrs.add(parents.contains(path) ? "\\HasChildren" : "\\HasNoChildren");
            if (box != null && showSubscribed && box.subscribed()) {
                attrs.add("\\Subscribed");
            }
            if (box != null) {
                box.specialUse().ifPresent(u -> attrs.add(u.attribute()));
            }
            if (childInfo) {
                attrs.add(CHILDINFO);
            }
            out.put(path, attrs);
        }
        return out;
    }

    private static Map<String, List<String>> lsub(List<Mailbox> boxes, List<MailboxPattern> patterns, boolean utf8) {
        TreeMap<String, List<String>> out = new TreeMap<>(ORDER);
        Set<String> subscribed = new HashSet<>();
        for (Mailbox b : boxes) {
            if (b.subscribed()) {
                subscribed.add(b.name().path());
            }
        }
        for (String path : subscribed) {
            if (matches(patterns, MailboxNames.wireText(MailboxName.of(path), utf8))) {
                out.put(path, List.of());
                continue;
            }
            List<String> levels = MailboxName.of(path).levels();
            for (int i = levels.size() - 1; i >= 1; i--) {
                String parent = String.join("/", levels.subList(0, i));
                if (matches(patterns, MailboxNames.wireText(MailboxName.of(parent), utf8))) {
                    out.putIfAbsent(parent, subscribed.contains(parent) ? List.of() : List.of("\\Noselect"));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean matches(List<MailboxPattern> patterns, String wireName) {
        for (MailboxPattern p : patterns) {
            if (p.matches(wireName)) {
                return true;
            }
        }
        return false;
    }
}
