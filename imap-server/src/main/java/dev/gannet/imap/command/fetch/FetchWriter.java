package dev.gannet.imap.command.fetch;

import dev.gannet.core.store.Content;
import dev.gannet.core.store.ImapStructure;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.protocol.ImapDates;
import dev.gannet.imap.session.ContentWriter;
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
 * BODYSTRUCTURE from the structure rendered at ingest, body sections as literals streamed from the store.
 */
final class FetchWriter {

    private FetchWriter() {
    }

    /** A body item: its literal's bytes, fetched when its turn comes. */
    private record Body(Mono<Content> content) {
    }

    /** {@code st} is the message's structure when an item needs it (read for a whole batch by the caller). */
    static Mono<Void> write(ImapSession s, SelectedMailbox sel, int seq, MessageMeta m, Optional<ImapStructure> st,
            List<FetchAtt> atts, boolean addFlags, boolean condstore) {
        MailboxId box = sel.id();
        return Mono.defer(() -> {
            sel.announce(s.out(), m);
            List<Object> pieces = new ArrayList<>();
            StringBuilder sb = new StringBuilder("* ").append(seq).append(" FETCH (");
            boolean first = true;
            boolean flagsDone = false;
            boolean modseqDone = false;
            for (FetchAtt a : atts) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                switch (a.type()) {
                    case UID -> sb.append("UID ").append(m.uid().value());
                    case FLAGS -> {
                        sb.append("FLAGS (").append(sel.flags(m)).append(')');
                        flagsDone = true;
                    }
                    case INTERNALDATE -> sb.append("INTERNALDATE ").append(ImapDates.dateTime(m.internalDate()));
                    case RFC822_SIZE -> sb.append("RFC822.SIZE ").append(m.size());
                    case MODSEQ -> {
                        sb.append("MODSEQ (").append(m.modseq().value()).append(')');
                        modseqDone = true;
                    }
                    case ENVELOPE -> sb.append("ENVELOPE ").append(st.map(ImapStructure::envelope).orElse("NIL"));
                    case BODY -> sb.append("BODY ").append(st.map(ImapStructure::body).orElse("NIL"));
                    case BODYSTRUCTURE -> sb.append("BODYSTRUCTURE ").append(st.map(ImapStructure::bodyStructure).orElse("NIL"));
                    default -> {
                        sb.append(responseName(a)).append(' ');
                        pieces.add(sb.toString());
                        sb.setLength(0);
                        pieces.add(new Body(content(s.store().messages(), box, m.uid(), a)));
                    }
                }
            }
            if (addFlags && !flagsDone) {
                sb.append(first ? "" : " ").append("FLAGS (").append(sel.flags(m)).append(')');
                if (condstore && !modseqDone) {
                    sb.append(" MODSEQ (").append(m.modseq().value()).append(')');
                }
            }
            sb.append(")\r\n");
            pieces.add(sb.toString());
            Responder out = s.out();
            return Flux.fromIterable(pieces).concatMap(p -> {
                if (p instanceof String text) {
                    return ContentWriter.awaitIfFull(out, out.write(out.encode(text)));
                }
                return ((Body) p).content().defaultIfEmpty(Content.empty()).flatMap(c -> {
                    out.write(out.encode("{" + c.size() + "}\r\n"));
                    return ContentWriter.stream(out, c.bytes());
                });
            }, 1).then();
        });
    }

    static String responseName(FetchAtt a) {
        return switch (a.type()) {
            case RFC822 -> "RFC822";
            case RFC822_HEADER -> "RFC822.HEADER";
            case RFC822_TEXT -> "RFC822.TEXT";
            default -> "BODY[" + a.sectionSpec() + "]" + (a.partialOffset() >= 0 ? "<" + a.partialOffset() + ">" : "");
        };
    }

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
                    whole = whole.flatMap(ContentWriter::bytes).map(h -> {
                        byte[] kept = HeaderFields.filter(h, a.fields(), not);
                        return new Content(kept.length, Flux.just(ByteBuffer.wrap(kept)));
                    });
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
