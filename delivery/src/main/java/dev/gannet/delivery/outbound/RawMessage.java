package dev.gannet.delivery.outbound;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message that writes its stored bytes exactly as they are: Jakarta Mail's SMTP transport writes it through
 * its own output stream, which dot-stuffs lines and ends the data with CRLF.CRLF, and nothing is parsed or
 * re-encoded. The envelope sender is per message ({@code "<>"} for the null sender).
 */
final class RawMessage extends SMTPMessage {

    private final byte[] raw;

    RawMessage(Session session, byte[] raw, String envelopeFrom) {
        super(session);
        this.raw = raw;
        setEnvelopeFrom(envelopeFrom.isEmpty() ? "<>" : envelopeFrom);
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        os.write(raw);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(raw);
    }

    @Override
    public int getSize() {
        return raw.length;
    }
}
