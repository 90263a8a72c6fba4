package dev.gannet.imap.command.append;

import dev.gannet.core.store.Content;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.codec.Fragment;
import dev.gannet.imap.session.ContentWriter;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Builds one CATENATE message (RFC 4469 §5): its parts, TEXT literals and URLs of the user's own messages
 * (RFC 5092; a URL of a mailbox the user does not own, of a message or of a section that does not exist names
 * nothing and gets {@code NO [BADURL url]}), are
 * written in order to a spool file, streamed from the store chunk by chunk. Each part's size is known before
 * its bytes are read, so a result over the append limit is refused ({@code NO [TOOBIG]}) before it is read.
 */
final class Catenation {

    private Catenation() {
    }

    /** Emits the spool file holding the joined message; the caller deletes it. */
    static Mono<Path> build(ImapSession s, List<AppendMessage.Part> parts, long limit) {
        Path dir = s.server().options().spoolDir();
        return Mono.fromCallable(() -> {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "catenate-", ".eml");
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(file -> {
            long[] total = {0};
            return Mono.using(() -> FileChannel.open(file, StandardOpenOption.WRITE),
                    ch -> Flux.fromIterable(parts)
                            .concatMap(p -> content(s, p).flatMap(c -> {
                                total[0] += c.size();
                                if (total[0] > limit) {
                                    return Mono.error(new ImapNo("TOOBIG", "Message too large"));
                                }
                                return c.bytes().publishOn(Schedulers.boundedElastic())
                                        .doOnNext(b -> write(ch, b)).then();
                            }), 1)
                            .then(Mono.just(file)),
                    Catenation::close)
                    .onErrorResume(e -> Mono.fromRunnable(() -> delete(file)).then(Mono.error(e)));
        });
    }

    private static Mono<Content> content(ImapSession s, AppendMessage.Part p) {
        if (p instanceof AppendMessage.Literal l) {
            return Mono.just(literal(l.data()));
        }
        String url = ((AppendMessage.Url) p).url();
        ImapUrl u;
        try {
            u = ImapUrl.parse(url, s.user().username());
        } catch (ImapUrl.BadUrl e) {
            return Mono.error(badUrl(url));
        }
        Mono<MailboxId> box;
        if (u.mailbox() == null) {
            SelectedMailbox sel = s.selected();
            if (sel == null) {
                return Mono.error(badUrl(url));
            }
            box = Mono.just(sel.id());
        } else {
            box = Mono.defer(() -> s.store().mailboxes().get(s.user().id(), s.mailboxName(u.mailbox())))
                    .filter(m -> u.uidValidity() == 0 || m.uidValidity() == u.uidValidity())
                    .map(m -> m.id());
        }
        return box.flatMap(id -> {
            Uid uid = new Uid(u.uid());
            // a section the message does not have is as bad a URL as a message that does not exist (RFC 4469 §5)
            Mono<Content> c = u.text() == null && u.path().isEmpty() ? s.store().messages().raw(id, uid)
                    : s.store().messages().section(id, uid, spec(u));
            return u.partialOffset() < 0 ? c : c.map(x -> ContentWriter.slice(x, u.partialOffset(), u.partialLength()));
        }).switchIfEmpty(Mono.error(() -> badUrl(url)));
    }

    private static PartSpec spec(ImapUrl u) {
        if (u.text() == null) {
            return new PartSpec.Part(u.path());
        }
        return switch (u.text()) {
            case "HEADER" -> new PartSpec.Header(u.path());
            case "TEXT" -> new PartSpec.Text(u.path());
            default -> new PartSpec.Mime(u.path());
        };
    }

    private static ImapNo badUrl(String url) {
        String shown = url.length() > 200 || url.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == ']') ? "" : " " + url;
        return new ImapNo("BADURL" + shown, "Cannot use the URL");
    }

    /** A TEXT literal as content: from memory, or streamed from its spool file in 64 KiB reads. */
    private static Content literal(Fragment f) {
        if (f instanceof Fragment.Bytes b) {
            return new Content(b.bytes().length, Flux.just(ByteBuffer.wrap(b.bytes())));
        }
        Fragment.Spooled sp = (Fragment.Spooled) f;
        Flux<ByteBuffer> bytes = Flux.using(() -> Files.newInputStream(sp.file()), in -> Flux.generate(sink -> {
            byte[] chunk = read(in);
            if (chunk.length == 0) {
                sink.complete();
            } else {
                sink.next(ByteBuffer.wrap(chunk));
            }
        }), Catenation::close);
        return new Content(sp.size(), bytes.subscribeOn(Schedulers.boundedElastic()));
    }

    private static byte[] read(InputStream in) {
        try {
            return in.readNBytes(64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(FileChannel ch, ByteBuffer b) {
        try {
            ByteBuffer d = b.duplicate();
            while (d.hasRemaining()) {
                ch.write(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to release
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left for the next start's cleanup of the spool directory
        }
    }
}
