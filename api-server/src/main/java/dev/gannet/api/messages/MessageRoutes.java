package dev.gannet.api.messages;

import dev.gannet.api.ApiException;
import dev.gannet.api.ApiLimits;
import dev.gannet.api.Call;
import dev.gannet.api.Cursor;
import dev.gannet.api.Route;
import dev.gannet.api.mailboxes.MailboxRoutes;
import dev.gannet.api.messages.MessageBodies.Deleted;
import dev.gannet.api.messages.MessageBodies.MessageDetail;
import dev.gannet.api.messages.MessageBodies.MessageList;
import dev.gannet.api.messages.MessageBodies.MessageSummary;
import dev.gannet.api.messages.MessageBodies.UpdateMessage;
import dev.gannet.api.messages.MessageBodies.Updated;
import dev.gannet.api.messages.MessageBodies.Uploaded;
import dev.gannet.api.messages.MessageBodies.UploadedMessage;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.mime.MessageParser;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.FlagUpdateResult;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * Messages of one mailbox at WildDuck's paths: list newest first with a cursor, get parsed, download raw
 * ({@code message.eml}) or one attachment, upload a raw RFC 5322 message (the same ingest as LMTP, with
 * origin API), update flags or move ({@code moveTo}), delete. Message ids are UIDs; every route first
 * resolves the mailbox as the path user's own.
 */
public final class MessageRoutes {

    private final MailStore store;
    private final ApiLimits limits;

    public MessageRoutes(MailStore store, ApiLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    public List<Route> routes() {
        String base = "/users/{user}/mailboxes/{mailbox}/messages";
        List<Route> routes = new ArrayList<>(List.of(
                Route.get(base).doc("messages", "List a mailbox's messages, newest first")
                        .query("limit", "integer", "page size, default 20")
                        .query("next", "string", "cursor from the previous page's nextCursor")
                        .returns(MessageList.class).handle(this::list),
                Route.post(base).doc("messages", "Upload a raw RFC 5322 message (Content-Type: message/rfc822)")
                        .query("seen", "boolean", "store with \\Seen")
                        .query("flagged", "boolean", "store with \\Flagged")
                        .query("draft", "boolean", "store with \\Draft")
                        .query("date", "string", "internal date (ISO 8601 instant); default now")
                        .rawBody("message/rfc822").returns(Uploaded.class).handle(this::upload),
                Route.get(base + "/{message}").doc("messages", "Get one message parsed: headers, bodies, attachments")
                        .returns(MessageDetail.class).handle(call -> {
                            Mailbox mb = MailboxRoutes.owned(store, call);
                            Uid uid = uid(call.path("message"));
                            MessageMeta meta = meta(store, mb, uid);
                            ParsedMessage parsed;
                            try (ContentStream in = new ContentStream(
                                    Call.await(store.messages().raw(mb.id(), uid), "no such message"))) {
                                parsed = MessageParser.parse(in);
                            }
                            return MessageViews.detail(mb, meta, parsed, leaf -> MessageViews.bytes(Call.await(
                                    store.messages().part(mb.id(), uid, new PartSpec.Part(Downloads.partPath(leaf.partNumber()))),
                                    "no such message")));
                        }),
                Route.get(base + "/{message}/message.eml").doc("messages", "Download the message exactly as stored")
                        .returnsRaw("message/rfc822").handle(call -> {
                            Mailbox mb = MailboxRoutes.owned(store, call);
                            return Downloads.raw(store, call, mb, uid(call.path("message")));
                        }),
                Route.get(base + "/{message}/attachments/{attachment}")
                        .doc("messages", "Download one attachment, decoded; its id is the MIME part number")
                        .returnsRaw("application/octet-stream").handle(call -> {
                            Mailbox mb = MailboxRoutes.owned(store, call);
                            return Downloads.attachment(store, call, mb, uid(call.path("message")));
                        }),
                Route.put(base + "/{message}").doc("messages",
                        "Update flags of one or more messages (ids: 1,2,5:9), and/or move them (moveTo)")
                        .body(UpdateMessage.class).returns(Updated.class).handle(this::update),
                Route.delete(base + "/{message}").doc("messages", "Delete (expunge) one or more messages (ids: 1,2,5:9)")
                        .returns(Deleted.class).handle(call -> {
                            Mailbox mb = MailboxRoutes.owned(store, call);
                            UidSet set = uidSet(call.path("message"));
                            List<Uid> gone = Call.await(store.messages().expunge(mb.id(), set), "no such message");
                            if (gone.isEmpty()) {
                                throw ApiException.notFound("no such message");
                            }
                            return new Deleted(true, gone.stream().map(Uid::value).toList());
                        })));
        routes.add(new MessageSearch(store).route());
        return routes;
    }

    private MessageList list(Call call) {
        Mailbox mb = MailboxRoutes.owned(store, call);
        int limit = call.limit();
        String next = call.query("next");
        long[] uids = Call.await(store.messages().uids(mb.id()), "no such mailbox");
        int end = uids.length;
        if (next != null) {
            long before = parseLong(Cursor.decode("messages", next));
            int i = Arrays.binarySearch(uids, before);
            end = i >= 0 ? i : -i - 1;
        }
        int start = Math.max(0, end - limit);
        List<MessageMeta> metas = new ArrayList<>(store.messages()
                .listKnown(mb.id(), Arrays.copyOfRange(uids, start, end)).collectList().block());
        java.util.Collections.reverse(metas);
        List<MessageSummary> out = new ArrayList<>();
        for (MessageMeta m : metas) {
            out.add(summary(store, mb, m));
        }
        String cursor = start > 0 ? Cursor.encode("messages", Long.toString(uids[start])) : null;
        return new MessageList(true, uids.length, cursor, out);
    }

    static MessageSummary summary(MailStore store, Mailbox mb, MessageMeta m) {
        byte[] header = MessageViews.bytes(Call.await(
                store.messages().part(mb.id(), m.uid(), new PartSpec.Header(List.of())), "no such message"));
        String structure = store.messages().structure(mb.id(), m.uid())
                .map(s -> s.bodyStructure()).blockOptional().orElse("");
        return MessageViews.summary(mb, m, header, structure);
    }

    private Uploaded upload(Call call) throws IOException {
        Mailbox mb = MailboxRoutes.owned(store, call);
        String type = call.ctx().contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("message/rfc822")) {
            throw new ApiException(415, "UnsupportedMediaType", "upload the message as Content-Type: message/rfc822");
        }
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        if (Boolean.TRUE.equals(call.bool("seen"))) {
            flags.add(Flag.SEEN);
        }
        if (Boolean.TRUE.equals(call.bool("flagged"))) {
            flags.add(Flag.FLAGGED);
        }
        if (Boolean.TRUE.equals(call.bool("draft"))) {
            flags.add(Flag.DRAFT);
        }
        Instant date = null;
        if (call.query("date") != null) {
            try {
                date = Instant.parse(call.query("date"));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("query parameter date must be an ISO 8601 instant");
            }
        }
        Appended a;
        try (InputStream in = call.ctx().req().getInputStream();
                Spool spool = Spool.read(in, call.ctx().req().getContentLengthLong(), limits.maxMessageBytes())) {
            if (spool.source().size() == 0) {
                throw ApiException.badRequest("the message body is empty");
            }
            a = Call.await(store.messages().append(new AppendRequest(mb.user(), mb.id(), spool.source(),
                    new Flags(flags, List.of()), date, AppendRequest.Origin.API)), "no such mailbox");
        }
        return new Uploaded(true, new UploadedMessage(a.uid().value(), a.mailbox().value(), a.size()));
    }

    private Updated update(Call call) {
        Mailbox mb = MailboxRoutes.owned(store, call);
        UidSet set = uidSet(call.path("message"));
        UpdateMessage req = call.body(UpdateMessage.class);
        EnumSet<Flag> add = EnumSet.noneOf(Flag.class);
        EnumSet<Flag> remove = EnumSet.noneOf(Flag.class);
        flag(req.seen(), Flag.SEEN, add, remove);
        flag(req.flagged(), Flag.FLAGGED, add, remove);
        flag(req.deleted(), Flag.DELETED, add, remove);
        flag(req.draft(), Flag.DRAFT, add, remove);
        flag(req.answered(), Flag.ANSWERED, add, remove);
        Mailbox target = null;
        if (req.moveTo() != null) {
            MailboxId id = Call.field("moveTo", () -> new MailboxId(req.moveTo()));
            target = store.mailboxes().byId(id).blockOptional().orElse(null);
            if (target == null || !target.user().equals(mb.user())) {
                throw ApiException.notFound("moveTo: no such mailbox");
            }
        }
        if (store.messages().list(mb.id(), set).next().blockOptional().isEmpty()) {
            throw ApiException.notFound("no such message");
        }
        long updated = 0;
        if (!add.isEmpty()) {
            FlagUpdateResult r = Call.await(store.messages().updateFlags(mb.id(), set,
                    FlagUpdate.add(new Flags(add, List.of()))), "no such message");
            updated = r.changed().size();
        }
        if (!remove.isEmpty()) {
            FlagUpdateResult r = Call.await(store.messages().updateFlags(mb.id(), set,
                    FlagUpdate.remove(new Flags(remove, List.of()))), "no such message");
            updated = Math.max(updated, r.changed().size());
        }
        if (target == null || target.id().equals(mb.id())) {
            return new Updated(true, updated, null, null);
        }
        CopyResult moved = Call.await(store.messages().move(mb.id(), set, target.id()), "no such message");
        List<List<Long>> ids = new ArrayList<>();
        for (int i = 0; i < moved.sourceUids().size(); i++) {
            ids.add(List.of(moved.sourceUids().get(i).value(), moved.targetUids().get(i).value()));
        }
        return new Updated(true, updated, target.id().value(), ids);
    }

    private static void flag(Boolean value, Flag f, EnumSet<Flag> add, EnumSet<Flag> remove) {
        if (Boolean.TRUE.equals(value)) {
            add.add(f);
        } else if (Boolean.FALSE.equals(value)) {
            remove.add(f);
        }
    }

    static MessageMeta meta(MailStore store, Mailbox mb, Uid uid) {
        return store.messages().list(mb.id(), UidSet.of(uid)).next().blockOptional()
                .orElseThrow(() -> ApiException.notFound("no such message"));
    }

    static Uid uid(String s) {
        try {
            return Uid.of(Long.parseLong(s));
        } catch (NumberFormatException | GannetException e) {
            throw ApiException.notFound("no such message");
        }
    }

    /** "1,2,5:9" as a UID set; a malformed list names nothing that exists. */
    static UidSet uidSet(String s) {
        List<UidSet.Range> ranges = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            int colon = part.indexOf(':');
            try {
                long a = Long.parseLong(colon < 0 ? part : part.substring(0, colon));
                long b = colon < 0 ? a : Long.parseLong(part.substring(colon + 1));
                ranges.add(new UidSet.Range(Math.min(a, b), Math.max(a, b)));
            } catch (NumberFormatException | GannetException e) {
                throw ApiException.notFound("no such message");
            }
        }
        return new UidSet(ranges);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("next is not a valid cursor");
        }
    }
}
