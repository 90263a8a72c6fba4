package dev.gannet.delivery.sieve;

import dev.gannet.core.store.MessageSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A {@link MailContext} over a message's bytes. The header is read once (at most {@link #MAX_HEADER_BYTES});
 * the body is read only if a script asks for it, and then at most {@code maxBodyBytes} of it, so a large
 * message costs nothing unless a {@code body} test runs, and never more than the limit.
 */
public final class MessageContext implements MailContext {

    /** Header bytes looked at; fields beyond are invisible to scripts. */
    public static final int MAX_HEADER_BYTES = 256 * 1024;

    /** The envelope of a delivery: {@code from} is "" for the null sender. */
    public record Envelope(String from, String to) {
    }

    private final MessageSource source;
    private final Envelope envelope;
    private final Predicate<String> mailboxExists;
    private final int maxBodyBytes;
    private final InternetHeaders headers;
    private final int headerLength;
    private String raw;
    private String text;

    private MessageContext(MessageSource source, Envelope envelope, Predicate<String> mailboxExists, int maxBodyBytes) {
        this.source = source;
        this.envelope = envelope;
        this.mailboxExists = mailboxExists;
        this.maxBodyBytes = maxBodyBytes;
        try (InputStream in = source.open()) {
            byte[] head = in.readNBytes(MAX_HEADER_BYTES);
            int end = headerEnd(head);
            this.headerLength = end;
            this.headers = new InternetHeaders(new ByteArrayInputStream(head, 0, end), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable header", e);
        }
    }

    /**
     * @param envelope null for a stored message (no envelope)
     * @param mailboxExists whether the user has a mailbox of that name
     */
    public static MessageContext of(MessageSource source, Envelope envelope, Predicate<String> mailboxExists,
            int maxBodyBytes) {
        return new MessageContext(source, envelope, mailboxExists, maxBodyBytes);
    }

    private static int headerEnd(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i + 2;
            }
            if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
                return i + 3;
            }
        }
        return b.length;
    }

    @Override
    public Optional<String> envelopeFrom() {
        return envelope == null ? Optional.empty() : Optional.of(envelope.from());
    }

    @Override
    public Optional<String> envelopeTo() {
        return envelope == null ? Optional.empty() : Optional.of(envelope.to());
    }

    @Override
    public List<String> header(String name) {
        String[] values = headers.getHeader(name);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) {
            String unfolded = MimeUtility.unfold(v).trim();
            try {
                out.add(MimeUtility.decodeText(unfolded));
            } catch (IOException | RuntimeException e) {
                out.add(unfolded);
            }
        }
        return out;
    }

    /** Every header field name, in order (for tests that list fields). */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        Enumeration<jakarta.mail.Header> all = headers.getAllHeaders();
        for (jakarta.mail.Header h : Collections.list(all)) {
            names.add(h.getName());
        }
        return names;
    }

    private byte[] bounded() {
        try (InputStream in = source.open()) {
            return in.readNBytes((int) Math.min(source.size(), (long) headerLength + maxBodyBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized String bodyRaw() {
        if (raw == null) {
            byte[] all = bounded();
            raw = new String(all, headerLength, Math.max(0, all.length - headerLength), StandardCharsets.UTF_8);
        }
        return raw;
    }

    @Override
    public synchronized String bodyText() {
        if (text == null) {
            try {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bounded()));
                StringBuilder b = new StringBuilder();
                collect(m, b, 0);
                text = b.toString();
            } catch (MessagingException | IOException | RuntimeException e) {
                text = bodyRaw();
            }
        }
        return text;
    }

    private void collect(Part p, StringBuilder b, int depth) throws MessagingException, IOException {
        if (depth > 20 || b.length() > maxBodyBytes) {
            return;
        }
        if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                collect(part, b, depth + 1);
            }
        } else if (p.isMimeType("text/*") && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            Object c = p.getContent();
            if (c instanceof String s) {
                if (p.isMimeType("text/html")) {
                    s = s.replaceAll("(?s)<[^>]*>", " ");
                }
                b.append(s).append('\n');
            }
        } else if (p.isMimeType("message/rfc822") && p.getContent() instanceof Part inner) {
            collect(inner, b, depth + 1);
        }
    }

    @Override
    public long size() {
        return source.size();
    }

    @Override
    public boolean mailboxExists(String mailbox) {
        return mailboxExists.test(mailbox);
    }
}
