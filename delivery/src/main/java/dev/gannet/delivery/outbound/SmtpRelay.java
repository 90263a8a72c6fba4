package dev.gannet.delivery.outbound;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP transaction with the relay through Jakarta Mail (Angus): EHLO, STARTTLS as configured, AUTH when a
 * user name is set, MAIL FROM with the message's envelope sender, one RCPT per recipient (partial sends on, so a
 * 550 for one recipient does not stop the others), DATA with the exact bytes. Each recipient's outcome comes
 * from its own RCPT reply or, past RCPT, from the DATA reply; a connection or TLS failure is temporary for all.
 */
public final class SmtpRelay {

    /** How one recipient fared. */
    public enum Outcome { SENT, TEMPORARY, PERMANENT }

    /** One recipient's result: the relay's reply code (-1 when it gave none) and text. */
    public record Reply(String recipient, int code, String text, Outcome outcome) {
        public String summary() {
            return code < 0 || text.startsWith(Integer.toString(code)) ? text : (code + " " + text).trim();
        }
    }

    private final RelayConfig config;
    private final SSLSocketFactory tls;

    public SmtpRelay(RelayConfig config) {
        this.config = config;
        this.tls = config.caFile().isBlank() ? null : trusting(Path.of(config.caFile()));
    }

    public RelayConfig config() {
        return config;
    }

    /** Blocking: runs the whole transaction and never throws for what the relay or the network does. */
    public List<Reply> send(String envelopeFrom, List<String> recipients, byte[] message) {
        // a recipient that is not an address at all fails for good, without a transaction
        List<String> valid = new ArrayList<>();
        List<Reply> bad = new ArrayList<>();
        for (String r : recipients) {
            try {
                new InternetAddress(r, false);
                valid.add(r);
            } catch (AddressException e) {
                bad.add(new Reply(r, 553, "553 5.1.3 not a valid address: " + oneLine(e.getMessage()), Outcome.PERMANENT));
            }
        }
        if (valid.isEmpty()) {
            return bad;
        }
        Session session = Session.getInstance(properties());
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
            if (config.username().isEmpty()) {
                transport.connect(config.host(), config.port(), null, null);
            } else {
                transport.connect(config.host(), config.port(), config.username(), config.password());
            }
            transport.sendMessage(new RawMessage(session, message, envelopeFrom), addresses(valid));
            return merge(bad, all(valid, transport.getLastReturnCode(), oneLine(transport.getLastServerResponse())));
        } catch (SendFailedException e) {
            return merge(bad, partial(valid, e));
        } catch (MessagingException e) {
            return merge(bad, all(valid, -1, describe(e)));
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // the transaction's outcome is already known; a failed QUIT changes nothing
                }
            }
        }
    }

    private static InternetAddress[] addresses(List<String> recipients) throws AddressException {
        InternetAddress[] to = new InternetAddress[recipients.size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(recipients.get(i), false);
        }
        return to;
    }

    private static List<Reply> merge(List<Reply> bad, List<Reply> rest) {
        if (bad.isEmpty()) {
            return rest;
        }
        List<Reply> out = new ArrayList<>(bad);
        out.addAll(rest);
        return out;
    }

    private static List<Reply> partial(List<String> recipients, SendFailedException e) {
        Map<String, Reply> failed = new HashMap<>();
        for (Exception next = e.getNextException(); next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException af) {
                String who = af.getAddress().getAddress().toLowerCase(Locale.ROOT);
                failed.put(who, reply(who, af.getReturnCode(), oneLine(af.getMessage())));
            }
        }
        // "." with 250 is a partial success: every recipient not refused at RCPT got the message; any other
        // failure (MAIL, DATA, no valid recipient) holds for every recipient RCPT did not refuse
        int code = e instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
        boolean whole = !(e instanceof SMTPSendFailedException s && ".".equals(s.getCommand()) && code == 250);
        List<Reply> out = new ArrayList<>();
        for (String r : recipients) {
            Reply f = failed.get(r.toLowerCase(Locale.ROOT));
            if (f != null) {
                out.add(new Reply(r, f.code(), f.text(), f.outcome()));
            } else if (whole) {
                out.add(reply(r, code, oneLine(e.getMessage())));
            } else {
                out.add(new Reply(r, 250, oneLine(e.getMessage()), Outcome.SENT));
            }
        }
        return out;
    }

    private static List<Reply> all(List<String> recipients, int code, String text) {
        return recipients.stream().map(r -> reply(r, code, text)).toList();
    }

    private static Reply reply(String recipient, int code, String text) {
        Outcome o = code >= 200 && code < 300 ? Outcome.SENT : code >= 500 && code < 600 ? Outcome.PERMANENT
                : Outcome.TEMPORARY;
        return new Reply(recipient, code, text, o);
    }

    private static String describe(MessagingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (cause != e) {
            text += ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        }
        return oneLine(text);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[\\r\\n]+", " ").trim();
        return t.length() > 400 ? t.substring(0, 400) : t;
    }

    private Properties properties() {
        Properties p = new Properties();
        String ms = Long.toString(config.timeout().toMillis());
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        p.put("mail.smtp.localhost", config.heloName());
        p.put("mail.smtp.sendpartial", "true");
        p.put("mail.smtp.quitwait", "false");
        // SMTPUTF8 for internationalised addresses when the relay offers it; the body is never re-encoded
        p.put("mail.mime.allowutf8", "true");
        p.put("mail.smtp.auth", Boolean.toString(!config.username().isEmpty()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls() != RelayConfig.StartTls.OFF));
        p.put("mail.smtp.starttls.required", Boolean.toString(config.startTls() == RelayConfig.StartTls.REQUIRED));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        if (tls != null) {
            p.put("mail.smtp.ssl.socketFactory", tls);
        }
        return p;
    }

    private static SSLSocketFactory trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + n++, c);
            }
            if (n == 0) {
                throw new IllegalArgumentException("outbound.caFile: no certificate in " + pem);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("outbound.caFile: cannot read " + pem + ": " + e.getMessage(), e);
        }
    }
}
