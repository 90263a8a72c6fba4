package dev.gannet.api.messages;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Cursor;
import dev.gannet.api.Route;
import dev.gannet.api.mailboxes.MailboxRoutes;
import dev.gannet.api.messages.MessageBodies.MessageList;
import dev.gannet.api.messages.MessageBodies.MessageSummary;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.UserId;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /users/{user}/search} with WildDuck's parameters (from, to, subject, query, datestart,
 * dateend, minSize, maxSize, flagged, unseen, attachments, mailbox) turned into the store's
 * {@link SearchKey}, run per mailbox. Results are ordered by mailbox id, then newest first; the cursor
 * is the last mailbox and UID returned; {@code total} counts matches before the attachments filter. {@code attachments} is decided from the stored BODYSTRUCTURE.
 */
final class MessageSearch {

    private final MailStore store;

    MessageSearch(MailStore store) {
        this.store = store;
    }

    Route route() {
        return Route.get("/users/{user}/search").doc("messages", "Search the user's messages")
                .query("mailbox", "string", "only this mailbox id")
                .query("query", "string", "substring of the headers or body")
                .query("from", "string", "substring of From")
                .query("to", "string", "substring of To or Cc")
                .query("subject", "string", "substring of Subject")
                .query("datestart", "string", "received on or after this date (YYYY-MM-DD or ISO 8601)")
                .query("dateend", "string", "received on or before this date (YYYY-MM-DD or ISO 8601)")
                .query("minSize", "integer", "size in bytes at least")
                .query("maxSize", "integer", "size in bytes at most")
                .query("flagged", "boolean", "flagged or not")
                .query("unseen", "boolean", "unseen or seen")
                .query("attachments", "boolean", "has attachments or not")
                .query("limit", "integer", "page size, default 20")
                .query("next", "string", "cursor from the previous page's nextCursor")
                .returns(MessageList.class).handle(this::search);
    }

    private MessageList search(Call call) {
        UserId user = MailboxRoutes.existingUser(store, call);
        SearchKey key = key(call);
        Boolean attachments = call.bool("attachments");
        int limit = call.limit();
        String afterMailbox = null;
        long afterUid = Long.MAX_VALUE;
        if (call.query("next") != null) {
            String pos = Cursor.decode("search", call.query("next"));
            int slash = pos.indexOf('/');
            try {
                afterMailbox = pos.substring(0, slash);
                afterUid = Long.parseLong(pos.substring(slash + 1));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("next is not a valid cursor");
            }
        }
        List<Mailbox> boxes = new ArrayList<>(store.mailboxes().list(user).collectList().block());
        String only = call.query("mailbox");
        if (only != null) {
            boxes.removeIf(m -> !m.id().value().equals(only));
            if (boxes.isEmpty()) {
                throw ApiException.notFound("no such mailbox");
            }
        }
        boxes.sort(Comparator.comparing((Mailbox m) -> m.id().value()));
        List<MessageSummary> out = new ArrayList<>();
        long total = 0;
        String cursor = null;
        for (Mailbox mb : boxes) {
            List<Uid> hits = new ArrayList<>(Call.await(store.messages().search(mb.id(), key), "no such mailbox"));
            total += hits.size();
            if (cursor != null || (afterMailbox != null && mb.id().value().compareTo(afterMailbox) < 0)) {
                continue;
            }
            hits.sort(Comparator.reverseOrder());
            for (Uid uid : hits) {
                if (mb.id().value().equals(afterMailbox) && uid.value() >= afterUid) {
                    continue;
                }
                MessageMeta meta = store.messages().list(mb.id(), UidSet.of(uid)).next().blockOptional().orElse(null);
                if (meta == null) {
                    continue;
                }
                MessageSummary s = MessageRoutes.summary(store, mb, meta);
                if (attachments != null && s.attachments() != attachments) {
                    continue;
                }
                if (out.size() == limit) {
                    MessageSummary last = out.get(out.size() - 1);
                    cursor = Cursor.encode("search", last.mailbox() + "/" + last.id());
                    break;
                }
                out.add(s);
            }
        }
        return new MessageList(true, total, cursor, out);
    }

    private static SearchKey key(Call call) {
        List<SearchKey> keys = new ArrayList<>();
        keys.add(new SearchKey.All());
        if (call.query("query") != null) {
            keys.add(new SearchKey.Text(call.query("query")));
        }
        if (call.query("from") != null) {
            keys.add(SearchKey.Header.field("From", call.query("from")));
        }
        if (call.query("to") != null) {
            keys.add(new SearchKey.Or(SearchKey.Header.field("To", call.query("to")),
                    SearchKey.Header.field("Cc", call.query("to"))));
        }
        if (call.query("subject") != null) {
            keys.add(SearchKey.Header.field("Subject", call.query("subject")));
        }
        if (call.query("datestart") != null) {
            keys.add(new SearchKey.DateKey(SearchKey.DateField.INTERNAL, SearchKey.DateOp.SINCE, date(call, "datestart")));
        }
        if (call.query("dateend") != null) {
            keys.add(new SearchKey.DateKey(SearchKey.DateField.INTERNAL, SearchKey.DateOp.BEFORE,
                    date(call, "dateend").plusDays(1)));
        }
        Long min = call.number("minSize");
        if (min != null && min > 0) {
            keys.add(new SearchKey.Larger(min - 1));
        }
        Long max = call.number("maxSize");
        if (max != null) {
            keys.add(new SearchKey.Smaller(max + 1));
        }
        Boolean flagged = call.bool("flagged");
        if (flagged != null) {
            SearchKey f = new SearchKey.HasFlag(Flag.FLAGGED);
            keys.add(flagged ? f : new SearchKey.Not(f));
        }
        Boolean unseen = call.bool("unseen");
        if (unseen != null) {
            SearchKey seen = new SearchKey.HasFlag(Flag.SEEN);
            keys.add(unseen ? new SearchKey.Not(seen) : seen);
        }
        return new SearchKey.And(keys);
    }

    private static LocalDate date(Call call, String name) {
        String v = call.query(name);
        try {
            return v.length() == 10 ? LocalDate.parse(v) : OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("query parameter " + name + " must be a date (YYYY-MM-DD or ISO 8601)");
        }
    }

}
