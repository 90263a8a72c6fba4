package dev.gannet.api.messages;

import dev.gannet.api.messages.MessageBodies.Addr;
import dev.gannet.api.messages.MessageBodies.Attachment;
import dev.gannet.api.messages.MessageBodies.Header;
import dev.gannet.api.messages.MessageBodies.MessageDetail;
import dev.gannet.api.messages.MessageBodies.MessageSummary;
import dev.gannet.core.mime.Address;
import dev.gannet.core.mime.BodyPart;
import dev.gannet.core.mime.MessageParser;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.mime.RawHeaderBytes;
import dev.gannet.core.mime.TransferCodec;
import dev.gannet.core.store.Content;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageMeta;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Turns stored messages into JSON views: a summary for listings (from the stored header and
 * BODYSTRUCTURE, never the whole message) and the parsed detail (headers, decoded text and html bodies,
 * attachment list with part numbers as ids), both by {@link MessageParser}, the parser ingest uses; the
 * detail parses the message as it streams and then reads only its text parts.
 */
final class MessageViews {

    private MessageViews() {
    }

    static MessageSummary summary(Mailbox mb, MessageMeta meta, byte[] header, String bodyStructure) {
        ParsedMessage p = MessageParser.parse(header);
        List<Addr> from = addrs(p.envelope().from());
        return new MessageSummary(meta.uid().value(), mb.id().value(), meta.threadId(),
                from.isEmpty() ? null : from.get(0), addrs(p.envelope().to()), p.search().subject(),
                p.search().date() == null ? null : p.search().date().toString(), meta.internalDate().toString(),
                meta.size(), meta.flags().has(Flag.SEEN), meta.flags().has(Flag.DELETED),
                meta.flags().has(Flag.FLAGGED), meta.flags().has(Flag.DRAFT), meta.flags().has(Flag.ANSWERED),
                meta.flags().keywords(), hasAttachment(bodyStructure));
    }

    /** Whether a BODYSTRUCTURE names an attachment disposition or a file name. */
    static boolean hasAttachment(String bodyStructure) {
        String s = bodyStructure == null ? "" : bodyStructure.toLowerCase(Locale.ROOT);
        return s.contains("(\"attachment\"") || s.contains("\"filename\"") || s.contains("\"name\"");
    }

    /**
     * The parsed view; {@code p} was parsed while streaming the message, and {@code partBytes} fetches the
     * encoded body of one text part, so an attachment is never held in memory.
     */
    static MessageDetail detail(Mailbox mb, MessageMeta meta, ParsedMessage p, Function<BodyPart, byte[]> partBytes) {
        StringBuilder text = new StringBuilder();
        List<String> html = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        for (BodyPart leaf : p.leaves()) {
            boolean attachment = leaf.leaf().attachment();
            if (!attachment && leaf.mimeType().equals("text/plain")) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(decodeText(partBytes.apply(leaf), leaf));
            } else if (!attachment && leaf.mimeType().equals("text/html")) {
                html.add(decodeText(partBytes.apply(leaf), leaf));
            } else if (attachment || !leaf.isText()) {
                attachments.add(new Attachment(leaf.partNumber(), leaf.leaf().filename(), leaf.mimeType(),
                        leaf.disposition() == null ? null : leaf.disposition().type().toLowerCase(Locale.ROOT),
                        leaf.transferEncoding().toLowerCase(Locale.ROOT), leaf.leaf().decodedSize()));
            }
        }
        List<Header> headers = p.search().headers().stream().map(h -> new Header(h.name(), h.value())).toList();
        List<Addr> from = addrs(p.envelope().from());
        BodyPart root = p.body();
        return new MessageDetail(true, meta.uid().value(), mb.id().value(), mb.user().value(), meta.threadId(),
                from.isEmpty() ? null : from.get(0), addrs(p.envelope().replyTo()), addrs(p.envelope().to()),
                addrs(p.envelope().cc()), addrs(p.envelope().bcc()), p.search().subject(),
                RawHeaderBytes.readable(p.envelope().messageId()),
                RawHeaderBytes.readable(p.envelope().inReplyTo()), p.search().date() == null ? null : p.search().date().toString(),
                meta.internalDate().toString(), meta.size(), meta.flags().has(Flag.SEEN),
                meta.flags().has(Flag.DELETED), meta.flags().has(Flag.FLAGGED), meta.flags().has(Flag.DRAFT),
                meta.flags().has(Flag.ANSWERED), meta.flags().toImap(), root.mimeType(), headers, text.toString(),
                html, attachments);
    }

    private static String decodeText(byte[] encoded, BodyPart leaf) {
        byte[] decoded = TransferCodec.decode(encoded, leaf.encoding());
        return new String(decoded, charset(leaf.charset()));
    }

    private static Charset charset(String name) {
        if (name == null || name.equalsIgnoreCase("us-ascii")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    static List<Addr> addrs(List<Address> list) {
        List<Addr> out = new ArrayList<>();
        for (Address a : list) {
            if (a.isGroupStart() || a.isGroupEnd()) {
                continue;
            }
            out.add(new Addr(EncodedWords.decode(RawHeaderBytes.readable(a.name())), RawHeaderBytes.readable(a.addrSpec())));
        }
        return out;
    }

    /** All bytes of stored content; used for headers and for messages the caller parses whole. */
    static byte[] bytes(Content c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(c.size(), Integer.MAX_VALUE - 16));
        List<ByteBuffer> parts = c.bytes().collectList().block(Duration.ofMinutes(2));
        if (parts != null) {
            for (ByteBuffer b : parts) {
                byte[] chunk = new byte[b.remaining()];
                b.duplicate().get(chunk);
                out.writeBytes(chunk);
            }
        }
        return out.toByteArray();
    }
}
