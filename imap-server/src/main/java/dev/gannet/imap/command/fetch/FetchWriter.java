package dev.gannet.imap.command.fetch;

import dev.gannet.core.store.Content;
import dev.gannet.core.store.FetchedMessage;
import dev.gannet.core.store.ImapStructure;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageFacts;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.session.ContentWriter;
import dev.gannet.imap.session.ImapErrors;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Responder;
import dev.gannet.imap.session.SelectedMailbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one message's FETCH response (RFC 3501 §7.4.2): the items in the order asked, ENVELOPE and
 * BODYSTRUCTURE from the structure rendered at ingest, body sections as literals streamed from the store
 * (BINARY sections decoded, RFC 3516, as literal8 when they hold NUL).
 * Every body item's bytes document is resolved before anything of the response is written, so a message
 * expunged meanwhile is left out whole rather than answered in part; each literal's header waits for the
 * start of its content ({@link ContentWriter#literal}). A failure after part of the response was written
 * cannot be answered in the protocol and ends the connection ({@link ImapErrors#abort}).
 */
final class FetchWriter {

    private FetchWriter() {
    }

    /** Text up to a literal's header, and the literal's content. */
    private record Literal(String header, Content content) {
    }

    /**
     * Emits true once the response is written, false if the message's bytes are gone (nothing was written).
     * {@code f} carries the structure when an item needs it (read with the metadata for the whole batch).
     */
    static Mono<Boolean> write(ImapSession s, SelectedMailbox sel, int seq, FetchedMessage f, List<FetchAtt> atts,
            boolean addFlags, boolean condstore) {
        if (atts.stream().noneMatch(FetchAtt::hasContent)) {
            return Mono.defer(() -> send(s.out(), sel, seq, f, atts, List.of(), addFlags, condstore)).thenReturn(true);
        }
        MessageStore store = s.store().messages();
        return Flux.fromIterable(atts).filter(FetchAtt::hasContent)
                .concatMap(a -> body(store, sel.id(), f.uid(), a).map(Optional::of).defaultIfEmpty(Optional.empty()), 1)
                .collectList()
                .flatMap(contents -> {
                    if (contents.stream().anyMatch(Optional::isEmpty)) {
                        return Mono.just(false);
                    }
                    List<BinaryContent.Decoded> bodies = contents.stream().map(Optional::get).toList();
                    return send(s.out(), sel, seq, f, atts, bodies, addFlags, condstore).thenReturn(true);
                });
    }

    /** Builds the whole response text first (an invalid item fails here, before anything is written), then writes. */
    private static Mono<Void> send(Responder out, SelectedMailbox sel, int seq, FetchedMessage f, List<FetchAtt> atts,
            List<BinaryContent.Decoded> bodies, boolean addFlags, boolean condstore) {
        MessageMeta m = f.meta();
        sel.announce(out, m); // a keyword this session has not announced yet gets its FLAGS first
        FetchResponse r = new FetchResponse(seq);
        List<Literal> literals = new ArrayList<>();
        boolean flagsDone = false;
        boolean modseqDone = false;
        int body = 0;
        for (FetchAtt a : atts) {
            switch (a.type()) {
                case UID -> r.uid(m.uid().value());
                case FLAGS -> {
                    r.flags(sel.flags(m));
                    flagsDone = true;
                }
                case INTERNALDATE -> r.internalDate(m.internalDate());
                case RFC822_SIZE -> r.size(m.size());
                case MODSEQ -> {
                    r.modseq(m.modseq().value());
                    modseqDone = true;
                }
                case ENVELOPE -> r.envelope(structure(f).envelope());
                case BODY -> r.body(structure(f).body());
                case BODYSTRUCTURE -> r.bodyStructure(structure(f).bodyStructure());
                case EMAILID -> r.emailId(facts(f).emailId());
                case THREADID -> r.threadId(m.threadId());
                case SAVEDATE -> r.saveDate(facts(f).saveDate().orElse(null));
                case PREVIEW, PREVIEW_LAZY -> r.preview(facts(f).preview().orElse(null));
                case BINARY_SIZE -> r.binarySize(a.sectionSpec(), bodies.get(body++).content().size());
                default -> {
                    BinaryContent.Decoded d = bodies.get(body++);
                    Content c = d.content();
                    literals.add(new Literal(d.nul() ? r.literal8(responseName(a), c.size())
                            : r.literal(responseName(a), c.size()), c));
                }
            }
        }
        if (addFlags && !flagsDone) {
            r.flags(sel.flags(m));
            if (condstore && !modseqDone) {
                r.modseq(m.modseq().value());
            }
        }
        String rest = r.end();
        boolean[] started = {false};
        return Flux.fromIterable(literals)
                .concatMap(l -> ContentWriter.literal(out, l.header(), l.content(), () -> started[0] = true), 1)
                .then(Mono.defer(() -> {
                    started[0] = true;
                    return ContentWriter.awaitIfFull(out, out.write(out.encodeRaw(rest)));
                }))
                .onErrorMap(e -> started[0], e -> ImapErrors.abort(out, e));
    }

    private static ImapStructure structure(FetchedMessage f) {
        return f.structure().orElseThrow(() -> new IllegalStateException("structure not read for " + f.uid()));
    }

    private static MessageFacts facts(FetchedMessage f) {
        return f.facts().orElseThrow(() -> new IllegalStateException("facts not read for " + f.uid()));
    }

    static String responseName(FetchAtt a) {
        return switch (a.type()) {
            case RFC822 -> "RFC822";
            case RFC822_HEADER -> "RFC822.HEADER";
            case RFC822_TEXT -> "RFC822.TEXT";
            case BINARY -> "BINARY[" + a.sectionSpec() + "]" + (a.partialOffset() >= 0 ? "<" + a.partialOffset() + ">" : "");
            default -> "BODY[" + a.sectionSpec() + "]" + (a.partialOffset() >= 0 ? "<" + a.partialOffset() + ">" : "");
        };
    }

    /** The item's bytes (decoded for BINARY); empty if the message's bytes document is gone. */
    private static Mono<BinaryContent.Decoded> body(MessageStore store, MailboxId box, Uid uid, FetchAtt a) {
        if (a.type() == FetchAtt.Type.BINARY || a.type() == FetchAtt.Type.BINARY_SIZE) {
            return BinaryContent.of(store, box, uid, a);
        }
        return content(store, box, uid, a).map(c -> new BinaryContent.Decoded(c, false));
    }

    /** The item's bytes; empty if the message's bytes document is gone (a part that does not exist is empty content). */
    private static Mono<Content> content(MessageStore store, MailboxId box, Uid uid, FetchAtt a) {
        Mono<Content> whole;
        switch (a.type()) {
            case RFC822 -> whole = store.raw(box, uid);
            case RFC822_HEADER -> whole = store.part(box, uid, new PartSpec.Header(List.of()));
            case RFC822_TEXT -> whole = store.part(box, uid, new PartSpec.Text(List.of()));
            default -> {
                if (a.text() == null && a.path().isEmpty()) {
                    return a.partialOffset() >= 0 ? store.range(box, uid, a.partialOffset(), a.partialLength())
                            : store.raw(box, uid);
                }
                whole = store.part(box, uid, spec(a));
                if (a.text() != null && a.text().startsWith("HEADER.FIELDS")) {
                    boolean not = a.text().endsWith(".NOT");
                    whole = whole.flatMap(c -> ContentWriter.bytes(c).map(h -> {
                        byte[] kept = HeaderFields.filter(h, a.fields(), not);
                        return new Content(kept.length, Flux.just(ByteBuffer.wrap(kept)));
                    }));
                }
            }
        }
        if (a.partialOffset() >= 0) {
            return whole.map(c -> ContentWriter.slice(c, a.partialOffset(), a.partialLength()));
        }
        return whole;
    }

    private static PartSpec spec(FetchAtt a) {
        if (a.text() == null) {
            return new PartSpec.Part(a.path());
        }
        return switch (a.text()) {
            case "TEXT" -> new PartSpec.Text(a.path());
            case "MIME" -> new PartSpec.Mime(a.path());
            default -> new PartSpec.Header(a.path());
        };
    }
}
