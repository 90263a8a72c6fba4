package dev.gannet.api.submit;

import dev.gannet.api.ApiException;
import dev.gannet.api.submit.SubmitBodies.Address;
import dev.gannet.api.submit.SubmitBodies.Attachment;
import dev.gannet.api.submit.SubmitBodies.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the RFC 5322 / MIME message of a JSON submission with Jakarta Mail: From, Reply-To, To and Cc (never Bcc,
 * whose addresses go to the envelope only), Subject (RFC 2047 encoded when not ASCII), Date, a Message-ID in the
 * sender's domain, the caller's extra headers, and a body of text, HTML or both as multipart/alternative, with
 * inline ({@code cid}) parts in multipart/related and other attachments in multipart/mixed (RFC 2045-2046, 2387).
 */
final class MimeComposer {

    /** Fields the composer writes itself; a caller's {@code headers} may not set them. */
    private static final Set<String> RESERVED = Set.of("from", "to", "cc", "bcc", "reply-to", "subject", "date",
            "message-id", "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
            "sender", "return-path", "dkim-signature", "received");

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeComposer() {
    }

    /** A message with a fixed Message-ID (Jakarta would otherwise make one with this host's name). */
    private static final class Composed extends MimeMessage {
        private final String messageId;

        Composed(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    record Parts(InternetAddress from, InternetAddress replyTo, List<InternetAddress> to, List<InternetAddress> cc,
            String subject, String text, String html, List<Header> headers, List<Attachment> attachments,
            String inReplyTo, String references) {
    }

    static byte[] compose(Parts p, String messageId, Date date) {
        try {
            Composed m = new Composed(messageId);
            m.setFrom(p.from());
            if (p.replyTo() != null) {
                m.setReplyTo(new InternetAddress[] {p.replyTo()});
            }
            if (!p.to().isEmpty()) {
                m.setRecipients(MimeMessage.RecipientType.TO, p.to().toArray(new InternetAddress[0]));
            }
            if (!p.cc().isEmpty()) {
                m.setRecipients(MimeMessage.RecipientType.CC, p.cc().toArray(new InternetAddress[0]));
            }
            m.setSubject(p.subject() == null ? "" : p.subject(), "UTF-8");
            m.setSentDate(date);
            if (p.inReplyTo() != null) {
                m.setHeader("In-Reply-To", p.inReplyTo());
            }
            if (p.references() != null) {
                m.setHeader("References", MimeUtility.fold(12, p.references()));
            }
            for (Header h : p.headers() == null ? List.<Header>of() : p.headers()) {
                addHeader(m, h);
            }
            body(m, p);
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw ApiException.badRequest("the message could not be composed: " + e.getMessage());
        }
    }

    private static void addHeader(MimeMessage m, Header h) throws MessagingException {
        String key = h.key() == null ? "" : h.key().strip();
        if (key.isEmpty() || key.length() > 76 || !key.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw ApiException.badRequest("field headers: a key must be a header field name");
        }
        if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("field headers: " + key + " is set from its own field");
        }
        String value = h.value() == null ? "" : h.value();
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.length() > 4000) {
            throw ApiException.badRequest("field headers: a value must be one line of at most 4000 characters");
        }
        try {
            m.addHeader(key, MimeUtility.fold(key.length() + 2, MimeUtility.encodeText(value, "UTF-8", null)));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void body(MimeMessage m, Parts p) throws MessagingException {
        List<MimeBodyPart> inline = new ArrayList<>();
        List<MimeBodyPart> attached = new ArrayList<>();
        List<Attachment> atts = p.attachments() == null ? List.of() : p.attachments();
        for (int i = 0; i < atts.size(); i++) {
            Attachment a = atts.get(i);
            MimeBodyPart part = attachment(a, i);
            if (a.cid() != null && !a.cid().isBlank() && p.html() != null) {
                inline.add(part);
            } else {
                attached.add(part);
            }
        }
        MimeBodyPart text = null;
        if (p.text() != null) {
            text = new MimeBodyPart();
            text.setText(p.text(), "UTF-8", "plain");
        }
        MimeBodyPart html = null;
        MimeMultipart related = null;
        if (p.html() != null) {
            html = new MimeBodyPart();
            html.setText(p.html(), "UTF-8", "html");
            if (!inline.isEmpty()) {
                related = new MimeMultipart("related");
                related.addBodyPart(html);
                for (MimeBodyPart part : inline) {
                    related.addBodyPart(part);
                }
                html = new MimeBodyPart();
                html.setContent(related);
            }
        }
        MimeMultipart alt = null;
        if (text != null && html != null) {
            alt = new MimeMultipart("alternative");
            alt.addBodyPart(text);
            alt.addBodyPart(html);
        }
        if (attached.isEmpty()) {
            if (alt != null) {
                m.setContent(alt);
            } else if (related != null) {
                m.setContent(related);
            } else if (html != null) {
                m.setText(p.html(), "UTF-8", "html");
            } else {
                m.setText(p.text() == null ? "" : p.text(), "UTF-8", "plain");
            }
            return;
        }
        MimeBodyPart main;
        if (alt != null) {
            main = new MimeBodyPart();
            main.setContent(alt);
        } else if (html != null) {
            main = html;
        } else if (text != null) {
            main = text;
        } else {
            main = new MimeBodyPart();
            main.setText("", "UTF-8", "plain");
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(main);
        for (MimeBodyPart part : attached) {
            mixed.addBodyPart(part);
        }
        m.setContent(mixed);
    }

    private static MimeBodyPart attachment(Attachment a, int index) throws MessagingException {
        String field = "attachments[" + index + "]";
        if (a.content() == null) {
            throw ApiException.badRequest("field " + field + ".content is required");
        }
        String encoding = a.encoding() == null ? "base64" : a.encoding().toLowerCase(Locale.ROOT);
        byte[] data;
        switch (encoding) {
            case "base64":
                try {
                    data = Base64.getMimeDecoder().decode(a.content());
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("field " + field + ".content is not base64");
                }
                break;
            case "utf8":
            case "utf-8":
                data = a.content().getBytes(StandardCharsets.UTF_8);
                break;
            default:
                throw ApiException.badRequest("field " + field + ".encoding must be base64 or utf8");
        }
        String type = a.contentType() == null || a.contentType().isBlank() ? "application/octet-stream" : a.contentType();
        try {
            new jakarta.mail.internet.ContentType(type);
        } catch (jakarta.mail.internet.ParseException e) {
            throw ApiException.badRequest("field " + field + ".contentType is not a MIME type");
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(data, type)));
        if (a.filename() != null && !a.filename().isBlank()) {
            try {
                part.setFileName(MimeUtility.encodeText(a.filename().replaceAll("[\\r\\n\"]", "_"), "UTF-8", null));
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        String cte = a.contentTransferEncoding();
        if (cte != null && !cte.isBlank()) {
            String c = cte.toLowerCase(Locale.ROOT);
            if (!Set.of("base64", "quoted-printable", "7bit", "8bit").contains(c)) {
                throw ApiException.badRequest("field " + field + ".contentTransferEncoding must be base64, quoted-printable, 7bit or 8bit");
            }
            part.setHeader("Content-Transfer-Encoding", c);
        } else {
            part.setHeader("Content-Transfer-Encoding", "base64");
        }
        if (a.cid() != null && !a.cid().isBlank()) {
            String cid = a.cid().replaceAll("[<>\\s]", "");
            part.setContentID("<" + cid + ">");
            part.setDisposition("inline");
        } else {
            part.setDisposition("attachment");
        }
        return part;
    }

    /** An address from JSON, its name RFC 2047-encoded as needed; INVALID naming {@code field}. */
    static InternetAddress address(Address a, String field) {
        if (a == null || a.address() == null || a.address().isBlank()) {
            throw ApiException.badRequest("field " + field + ".address is required");
        }
        try {
            InternetAddress ia = new InternetAddress(a.address().strip(), true);
            dev.gannet.core.store.EmailAddress.parse(ia.getAddress());
            if (a.name() != null && !a.name().isBlank()) {
                if (a.name().indexOf('\r') >= 0 || a.name().indexOf('\n') >= 0) {
                    throw ApiException.badRequest("field " + field + ".name must be one line");
                }
                ia.setPersonal(a.name(), "UTF-8");
            }
            return ia;
        } catch (jakarta.mail.internet.AddressException | UnsupportedEncodingException
                | dev.gannet.core.error.GannetException e) {
            throw ApiException.badRequest("field " + field + ".address is not a valid address");
        }
    }
}
