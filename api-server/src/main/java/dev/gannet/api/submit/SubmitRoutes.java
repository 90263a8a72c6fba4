package dev.gannet.api.submit;

import dev.gannet.api.ApiException;
import dev.gannet.api.ApiLimits;
import dev.gannet.api.Call;
import dev.gannet.api.Json;
import dev.gannet.api.Route;
import dev.gannet.api.mailboxes.MailboxRoutes;
import dev.gannet.api.submit.SubmitBodies.Address;
import dev.gannet.api.submit.SubmitBodies.DraftSubmitted;
import dev.gannet.api.submit.SubmitBodies.Forward;
import dev.gannet.api.submit.SubmitBodies.Forwarded;
import dev.gannet.api.submit.SubmitBodies.ForwardedTo;
import dev.gannet.api.submit.SubmitBodies.Reference;
import dev.gannet.api.submit.SubmitBodies.StoredCopy;
import dev.gannet.api.submit.SubmitBodies.Submit;
import dev.gannet.api.submit.SubmitBodies.SubmitDraft;
import dev.gannet.api.submit.SubmitBodies.Submitted;
import dev.gannet.api.submit.SubmitBodies.SubmittedMessage;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.UserId;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Sending mail through the API at WildDuck's paths: {@code POST /users/{user}/submit} composes a message from JSON
 * (or takes it whole, as {@code raw} or a {@code message/rfc822} body), stores a copy in Sent (or Drafts with
 * {@code isDraft}) and, unless {@code uploadOnly} or {@code isDraft}, queues it for the outbound sender; a stored
 * draft is sent with {@code .../messages/{message}/submit} (copied to Sent, then removed from its mailbox) and any
 * stored message is forwarded as it is with {@code .../messages/{message}/forward}. {@link Submission} holds the
 * rules all three share: own From address, recipient allowance, store-then-queue.
 */
public final class SubmitRoutes {

    private final Submission submission;
    private final ApiLimits limits;

    SubmitRoutes(Submission submission, ApiLimits limits) {
        this.submission = submission;
        this.limits = limits;
    }

    public static SubmitRoutes create(dev.gannet.core.store.MailStore store, Allowance allowance, int maxRecipients,
            ApiLimits limits) {
        return new SubmitRoutes(new Submission(store, allowance, maxRecipients), limits);
    }

    public List<Route> routes() {
        String message = "/users/{user}/mailboxes/{mailbox}/messages/{message}";
        return List.of(
                Route.post("/users/{user}/submit")
                        .doc("submission", "Compose and send a message (JSON), or send a raw one (raw, or a message/rfc822 body); a copy goes to Sent")
                        .body(Submit.class).returns(Submitted.class).handle(this::submit),
                Route.post(message + "/submit").doc("submission", "Send a stored draft; it moves to Sent")
                        .body(SubmitDraft.class).returns(DraftSubmitted.class).handle(this::submitDraft),
                Route.post(message + "/forward").doc("submission", "Forward a stored message, unchanged, to addresses")
                        .body(Forward.class).returns(Forwarded.class).handle(this::forward));
    }

    private Submitted submit(Call call) throws AddressException {
        UserId user = MailboxRoutes.existingUser(submission.store(), call);
        String type = call.ctx().contentType();
        boolean rfc822 = type != null && type.toLowerCase(Locale.ROOT).startsWith("message/rfc822");
        byte[] body = call.bytes(limits.maxMessageBytes());
        Submit req = rfc822 ? null : Json.read(body, Submit.class);
        byte[] raw = rfc822 ? body : req.raw() == null ? null : req.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean isDraft = req != null && (Boolean.TRUE.equals(req.isDraft()) || Boolean.TRUE.equals(req.draft()));
        boolean uploadOnly = req != null && Boolean.TRUE.equals(req.uploadOnly());
        Submission.sendNow(req == null ? null : req.sendTime());

        Prepared p = raw != null ? fromRaw(user, raw, req) : compose(user, req);
        if (p.bytes().length > limits.maxMessageBytes()) {
            throw ApiException.tooLarge("the message exceeds " + limits.maxMessageBytes() + " bytes");
        }
        boolean send = !isDraft && !uploadOnly;
        if (send && p.recipients().isEmpty()) {
            throw ApiException.badRequest("field to: the message has no recipients");
        }
        Mailbox target = isDraft ? submission.special(user, SpecialUse.DRAFTS)
                : req != null && req.mailbox() != null ? owned(user, req.mailbox(), "mailbox")
                : submission.special(user, SpecialUse.SENT);
        Reference ref = req == null ? null : req.reference();
        MessageRef referenced = ref == null ? null : reference(user, ref);
        if (send) {
            submission.count(user, p.recipients().size());
        }
        Flags flags = isDraft ? Flags.of(Flag.SEEN, Flag.DRAFT) : Flags.of(Flag.SEEN);
        Appended copy = submission.storeCopy(user, target, p.bytes(), flags);
        String queueId = send ? submission.enqueue(user, p.envelopeFrom(), p.recipients(), p.bytes(), copy, "api submit") : null;
        if (referenced != null && send) {
            boolean forward = "forward".equals(ref.action());
            Flags mark = forward ? new Flags(EnumSet.noneOf(Flag.class), List.of("$Forwarded")) : Flags.of(Flag.ANSWERED);
            submission.store().messages().updateFlags(referenced.mailbox().id(), UidSet.of(referenced.uid()),
                    FlagUpdate.add(mark)).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
        }
        return new Submitted(true, new SubmittedMessage(copy.mailbox().value(), copy.uid().value(), queueId));
    }

    /** The bytes to store and send, the envelope sender and recipients. */
    record Prepared(byte[] bytes, String envelopeFrom, List<String> recipients) {
    }

    private record MessageRef(Mailbox mailbox, Uid uid, String messageId, String references) {
    }

    private Prepared compose(UserId user, Submit req) throws AddressException {
        EmailAddress fromAddress = req.from() == null || req.from().address() == null ? submission.mainAddress(user)
                : submission.ownAddress(user, req.from().address(), "from.address");
        InternetAddress from = MimeComposer.address(new Address(req.from() == null ? null : req.from().name(),
                fromAddress.localPart() + "@" + fromAddress.domain()), "from");
        InternetAddress replyTo = req.replyTo() == null ? null : MimeComposer.address(req.replyTo(), "replyTo");
        List<InternetAddress> to = list(req.to(), "to");
        List<InternetAddress> cc = list(req.cc(), "cc");
        List<InternetAddress> bcc = list(req.bcc(), "bcc");
        String inReplyTo = null;
        String references = null;
        if (req.reference() != null) {
            MessageRef ref = reference(user, req.reference());
            if (ref.messageId() != null) {
                inReplyTo = ref.messageId();
                references = ref.references() == null ? ref.messageId() : ref.references() + " " + ref.messageId();
            }
        }
        byte[] bytes = MimeComposer.compose(new MimeComposer.Parts(from, replyTo, to, cc, req.subject(), req.text(),
                req.html(), req.headers(), req.attachments(), inReplyTo, references),
                Submission.messageId(fromAddress.domain()), new Date());
        String envelopeFrom = from.getAddress();
        List<String> rcpts;
        if (req.envelope() != null && req.envelope().from() != null && req.envelope().from().address() != null) {
            EmailAddress ef = submission.ownAddress(user, req.envelope().from().address(), "envelope.from.address");
            envelopeFrom = ef.localPart() + "@" + ef.domain();
        }
        if (req.envelope() != null && req.envelope().to() != null) {
            rcpts = submission.recipients(list(req.envelope().to(), "envelope.to"), "envelope.to");
        } else {
            List<InternetAddress> all = new ArrayList<>(to);
            all.addAll(cc);
            all.addAll(bcc);
            rcpts = submission.recipients(all, "to");
        }
        return new Prepared(LineEndings.toCrlf(bytes), envelopeFrom, rcpts);
    }

    /** A raw message: From must be the user's; Bcc is removed, a missing Date and Message-ID added. */
    private Prepared fromRaw(UserId user, byte[] raw, Submit req) {
        if (raw.length == 0) {
            throw ApiException.badRequest("the message is empty");
        }
        Prepared p = prepareStored(user, LineEndings.toCrlf(raw), "raw");
        if (req != null && req.envelope() != null) {
            String from = p.envelopeFrom();
            if (req.envelope().from() != null && req.envelope().from().address() != null) {
                EmailAddress ef = submission.ownAddress(user, req.envelope().from().address(), "envelope.from.address");
                from = ef.localPart() + "@" + ef.domain();
            }
            List<String> rcpts = req.envelope().to() == null ? p.recipients()
                    : submission.recipients(list(req.envelope().to(), "envelope.to"), "envelope.to");
            return new Prepared(p.bytes(), from, rcpts);
        }
        return p;
    }

    /** From checked against the user's addresses, recipients from To, Cc and Bcc, Bcc dropped, Date/Message-ID ensured. */
    private Prepared prepareStored(UserId user, byte[] bytes, String what) {
        RawMessage m = new RawMessage(bytes);
        List<InternetAddress> from;
        List<InternetAddress> rcpts;
        try {
            from = m.addresses("from");
            rcpts = m.addresses("to", "cc", "bcc");
        } catch (AddressException e) {
            throw ApiException.badRequest(what + ": an address field does not parse");
        }
        if (from.isEmpty()) {
            throw ApiException.badRequest(what + ": the message has no From address");
        }
        EmailAddress sender = submission.ownAddress(user, from.get(0).getAddress(), what + " From");
        List<String> prepend = new ArrayList<>();
        if (!m.has("date")) {
            prepend.add("Date: " + new MailDateFormat().format(new Date()));
        }
        if (!m.has("message-id")) {
            prepend.add("Message-ID: " + Submission.messageId(sender.domain()));
        }
        byte[] out = m.has("bcc") || !prepend.isEmpty() ? m.rewrite(prepend, "bcc") : bytes;
        return new Prepared(out, sender.localPart() + "@" + sender.domain(), submission.recipients(rcpts, what + " To/Cc/Bcc"));
    }

    private DraftSubmitted submitDraft(Call call) {
        Mailbox mb = MailboxRoutes.owned(submission.store(), call);
        byte[] body = call.bytes(limits.maxBodyBytes());
        SubmitDraft req = body.length == 0 ? new SubmitDraft(null, null) : Json.read(body, SubmitDraft.class);
        Submission.sendNow(req.sendTime());
        Uid uid = uid(call.path("message"));
        MessageMeta meta = meta(mb, uid);
        if (!meta.flags().system().contains(Flag.DRAFT)) {
            throw new ApiException(400, "MessageNotDraft", "the message is not a draft (no \\Draft flag)");
        }
        byte[] raw = Submission.bytes(Call.await(submission.store().messages().raw(mb.id(), uid), "no such message"));
        Prepared p = prepareStored(mb.user(), raw, "draft");
        if (p.recipients().isEmpty()) {
            throw ApiException.badRequest("the draft has no recipients");
        }
        Mailbox sent = submission.special(mb.user(), SpecialUse.SENT);
        submission.count(mb.user(), p.recipients().size());
        Appended copy = submission.storeCopy(mb.user(), sent, p.bytes(), Flags.of(Flag.SEEN));
        String queueId = submission.enqueue(mb.user(), p.envelopeFrom(), p.recipients(), p.bytes(), copy, "api draft " + uid.value());
        if (!sent.id().equals(mb.id())) {
            Call.run(submission.store().messages().expunge(mb.id(), UidSet.of(uid)));
        }
        return new DraftSubmitted(true, queueId, new StoredCopy(copy.mailbox().value(), copy.uid().value()));
    }

    private Forwarded forward(Call call) {
        Mailbox mb = MailboxRoutes.owned(submission.store(), call);
        Forward req = call.body(Forward.class);
        if (req.target() != null) {
            throw ApiException.badRequest("field target: forwarding targets are not supported here yet, name addresses");
        }
        if (req.addresses() == null || req.addresses().isEmpty()) {
            throw ApiException.badRequest("field addresses is required");
        }
        List<InternetAddress> list = new ArrayList<>();
        for (String a : req.addresses()) {
            try {
                list.add(new InternetAddress(a == null ? "" : a.strip(), true));
            } catch (AddressException e) {
                throw ApiException.badRequest("field addresses: " + a + " is not a valid address");
            }
        }
        List<String> rcpts = submission.recipients(list, "addresses");
        Uid uid = uid(call.path("message"));
        meta(mb, uid);
        byte[] raw = Submission.bytes(Call.await(submission.store().messages().raw(mb.id(), uid), "no such message"));
        EmailAddress from = submission.mainAddress(mb.user());
        submission.count(mb.user(), rcpts.size());
        String queueId = submission.enqueue(mb.user(), from.localPart() + "@" + from.domain(), rcpts, raw, null,
                "api forward " + uid.value());
        submission.store().messages().updateFlags(mb.id(), UidSet.of(uid),
                FlagUpdate.add(new Flags(EnumSet.noneOf(Flag.class), List.of("$Forwarded"))))
                .onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
        List<ForwardedTo> out = new ArrayList<>();
        for (int i = 0; i < rcpts.size(); i++) {
            out.add(new ForwardedTo(i + 1, "mail", rcpts.get(i)));
        }
        return new Forwarded(true, queueId, out);
    }

    private MessageRef reference(UserId user, Reference ref) {
        if (ref.mailbox() == null || ref.id() == null) {
            throw ApiException.badRequest("field reference needs mailbox and id");
        }
        if (ref.action() != null && !List.of("reply", "replyAll", "forward").contains(ref.action())) {
            throw ApiException.badRequest("field reference.action must be reply, replyAll or forward");
        }
        if (ref.attachments() != null && !Boolean.FALSE.equals(ref.attachments())) {
            throw ApiException.badRequest("field reference.attachments: copying the referenced message's attachments is not supported yet");
        }
        Mailbox mb = owned(user, ref.mailbox(), "reference.mailbox");
        Uid uid = Call.field("reference.id", () -> Uid.of(ref.id()));
        meta(mb, uid);
        byte[] header = Submission.bytes(Call.await(submission.store().messages().part(mb.id(), uid,
                new dev.gannet.core.store.PartSpec.Header(List.of())), "no such message"));
        RawMessage m = new RawMessage(header);
        return new MessageRef(mb, uid, m.first("message-id"), m.first("references"));
    }

    private Mailbox owned(UserId user, String id, String field) {
        MailboxId mid;
        try {
            mid = new MailboxId(id);
        } catch (GannetException.Invalid e) {
            throw ApiException.notFound(field + ": no such mailbox");
        }
        Mailbox m = submission.store().mailboxes().byId(mid).blockOptional().orElse(null);
        if (m == null || !m.user().equals(user)) {
            throw ApiException.notFound(field + ": no such mailbox");
        }
        return m;
    }

    private MessageMeta meta(Mailbox mb, Uid uid) {
        return submission.store().messages().list(mb.id(), UidSet.of(uid)).next().blockOptional()
                .orElseThrow(() -> ApiException.notFound("no such message"));
    }

    private static Uid uid(String s) {
        try {
            return Uid.of(Long.parseLong(s));
        } catch (NumberFormatException | GannetException e) {
            throw ApiException.notFound("no such message");
        }
    }

    private static List<InternetAddress> list(List<Address> addresses, String field) {
        List<InternetAddress> out = new ArrayList<>();
        if (addresses != null) {
            for (int i = 0; i < addresses.size(); i++) {
                out.add(MimeComposer.address(addresses.get(i), field + "[" + i + "]"));
            }
        }
        return out;
    }
}
