package dev.gannet.core.mime;

import java.util.List;

/**
 * Renders ENVELOPE, BODY and BODYSTRUCTURE (RFC 3501 §7.4.2) from the parsed records, each as one
 * parenthesised IMAP value ready to follow the FETCH item name. Output follows Dovecot: a text part
 * without a charset gets {@code ("charset" "us-ascii")}, a multipart without parts shows one empty
 * text/plain part, multipart extension data is params, disposition, language and location, and a
 * message/rfc822 part is {@code "message" "rfc822"} whatever its header's case, and the ENVELOPE
 * subject and display names are cleaned for humans (white space runs become one space). Literals
 * may occur (8-bit, quote-heavy or cleaned values); their lengths count the octets of
 * {@link RawHeaderBytes#bytes}, so write the text that way (or use the {@code *Bytes} variants): UTF-8, with
 * header bytes that were not UTF-8 passed through raw as Dovecot does.
 */
public final class ImapRender {

    private static final String EMPTY_BODY = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";

    private ImapRender() {
    }

    /** The BODYSTRUCTURE value of a message, e.g. {@code ("text" "plain" (...) NIL NIL "7bit" 6 1 NIL NIL NIL NIL)}. */
    public static String bodyStructure(ParsedMessage message) {
        return bodyStructure(message.body());
    }

    /** The BODY (non-extensible) value of a message. */
    public static String body(ParsedMessage message) {
        return body(message.body());
    }

    public static String envelope(ParsedMessage message) {
        return envelope(message.envelope());
    }

    public static String bodyStructure(BodyPart part) {
        StringBuilder out = new StringBuilder(256);
        writePart(out, part, true);
        return out.toString();
    }

    public static String body(BodyPart part) {
        StringBuilder out = new StringBuilder(256);
        writePart(out, part, false);
        return out.toString();
    }

    public static String envelope(Envelope envelope) {
        StringBuilder out = new StringBuilder(256);
        out.append('(');
        writeEnvelope(out, envelope);
        out.append(')');
        return out.toString();
    }

    public static byte[] bodyStructureBytes(ParsedMessage message) {
        return RawHeaderBytes.bytes(bodyStructure(message));
    }

    public static byte[] bodyBytes(ParsedMessage message) {
        return RawHeaderBytes.bytes(body(message));
    }

    public static byte[] envelopeBytes(ParsedMessage message) {
        return RawHeaderBytes.bytes(envelope(message));
    }

    private static void writePart(StringBuilder out, BodyPart part, boolean extended) {
        out.append('(');
        if (part.kind() == BodyPart.Kind.MULTIPART) {
            writeMultipart(out, part, extended);
        } else {
            writeSingle(out, part, extended);
        }
        out.append(')');
    }

    private static void writeMultipart(StringBuilder out, BodyPart part, boolean extended) {
        if (part.parts().isEmpty()) {
            out.append(EMPTY_BODY).append(extended ? " NIL NIL NIL NIL)" : ")");
        }
        for (BodyPart child : part.parts()) {
            writePart(out, child, extended);
        }
        out.append(' ');
        ImapStrings.string(out, part.subtype());
        if (extended) {
            out.append(' ');
            ImapStrings.params(out, part.params(), false);
            writeCommonExtension(out, part);
        }
    }

    private static void writeSingle(StringBuilder out, BodyPart part, boolean extended) {
        boolean message = part.kind() == BodyPart.Kind.MESSAGE;
        boolean text = !message && part.type().equalsIgnoreCase("text");
        if (message) {
            out.append("\"message\" \"rfc822\"");
        } else {
            ImapStrings.string(out, part.type());
            out.append(' ');
            ImapStrings.string(out, part.subtype());
        }
        out.append(' ');
        ImapStrings.params(out, part.params(), text);
        out.append(' ');
        ImapStrings.nstring(out, part.contentId());
        out.append(' ');
        ImapStrings.nstring(out, part.description());
        out.append(' ');
        ImapStrings.string(out, part.transferEncoding());
        out.append(' ').append(part.size());
        if (text) {
            out.append(' ').append(part.lines());
        } else if (message) {
            out.append(" (");
            writeEnvelope(out, part.message().envelope());
            out.append(") ");
            writePart(out, part.message().body(), extended);
            out.append(' ').append(part.lines());
        }
        if (extended) {
            out.append(' ');
            ImapStrings.nstring(out, part.md5());
            writeCommonExtension(out, part);
        }
    }

    private static void writeCommonExtension(StringBuilder out, BodyPart part) {
        out.append(' ');
        Disposition d = part.disposition();
        if (d == null) {
            out.append("NIL");
        } else {
            out.append('(');
            ImapStrings.string(out, d.type());
            out.append(' ');
            ImapStrings.params(out, d.params(), false);
            out.append(')');
        }
        out.append(' ');
        if (part.languages().isEmpty()) {
            out.append("NIL");
        } else {
            out.append('(');
            for (int i = 0; i < part.languages().size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                ImapStrings.string(out, part.languages().get(i));
            }
            out.append(')');
        }
        out.append(' ');
        ImapStrings.nstring(out, part.location());
    }

    private static void writeEnvelope(StringBuilder out, Envelope e) {
        ImapStrings.nstring(out, e.date());
        out.append(' ');
        ImapStrings.forHumans(out, e.subject());
        for (List<Address> list : List.of(e.from(), e.sender(), e.replyTo(), e.to(), e.cc(), e.bcc())) {
            out.append(' ');
            writeAddresses(out, list);
        }
        out.append(' ');
        ImapStrings.nstring(out, e.inReplyTo());
        out.append(' ');
        ImapStrings.nstring(out, e.messageId());
    }

    private static void writeAddresses(StringBuilder out, List<Address> addresses) {
        if (addresses.isEmpty()) {
            out.append("NIL");
            return;
        }
        out.append('(');
        for (Address a : addresses) {
            out.append('(');
            ImapStrings.forHumans(out, a.name());
            out.append(' ');
            ImapStrings.nstring(out, a.adl());
            out.append(' ');
            ImapStrings.nstring(out, a.mailbox());
            out.append(' ');
            ImapStrings.nstring(out, a.host());
            out.append(')');
        }
        out.append(')');
    }
}
