package dev.gannet.delivery.dkim;

import dev.gannet.core.store.DkimStore;
import dev.gannet.core.store.EmailAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Signs outgoing mail with DKIM (RFC 6376): {@code a=rsa-sha256}, {@code c=relaxed/relaxed} (§3.4.2, §3.4.4), no
 * {@code l=}, over the exact bytes that will be sent, the {@code DKIM-Signature} field prepended and nothing else
 * changed. It signs for the domain of the first From address, with that domain's key from the {@link DkimStore};
 * without a key (or without a usable From) the message goes out unsigned and unchanged. The signed fields are the
 * instances present of From, To, Cc, Subject, Date, Message-ID, MIME-Version, Content-Type, Reply-To, In-Reply-To
 * and References, each instance named once in {@code h=} (§5.4.2: instances are taken from the bottom up, as a
 * verifier does). Lines are taken to end at CRLF; a bare LF ends a line too, since the SMTP client sends it as CRLF.
 */
public final class DkimSigner {

    private static final Logger log = LoggerFactory.getLogger(DkimSigner.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    /** The fields signed when present, in the order {@code h=} lists them. */
    static final List<String> SIGNED = List.of("from", "to", "cc", "subject", "date", "message-id", "mime-version",
            "content-type", "reply-to", "in-reply-to", "references");

    /** One signing key: the {@code d=} domain, the {@code s=} selector and the RSA private key. */
    public record SigningKey(String domain, String selector, PrivateKey key) {
        public SigningKey {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "SigningKey[domain=" + domain + ", selector=" + selector + ", key=***]";
        }
    }

    private final DkimStore store;
    private final DkimKeySeal seal;
    private final Clock clock;

    public DkimSigner(DkimStore store, String keySecret) {
        this(store, keySecret, Clock.systemUTC());
    }

    DkimSigner(DkimStore store, String keySecret, Clock clock) {
        this.store = store;
        this.seal = new DkimKeySeal(keySecret);
        this.clock = clock;
    }

    /**
     * The message signed for its From domain, or the same bytes when that domain has no key. Blocks for the key
     * lookup (one exact unique-key read); the outbound sender calls it on its sending thread.
     */
    public byte[] sign(byte[] message) {
        return signAsync(message).block(LOOKUP_TIMEOUT);
    }

    /** {@link #sign(byte[])} without blocking. */
    public Mono<byte[]> signAsync(byte[] message) {
        String domain = fromDomain(message);
        if (domain == null) {
            return Mono.just(message);
        }
        return store.byDomain(domain).map(k -> {
            PrivateKey key = DkimKeys.parse(seal.open(k.privateKey()));
            return sign(message, new SigningKey(k.domain(), k.selector(), key), clock.instant().getEpochSecond());
        }).defaultIfEmpty(message).onErrorResume(IllegalStateException.class, e -> {
            log.warn("DKIM key for {} cannot be used, sending unsigned: {}", domain, e.getMessage());
            return Mono.just(message);
        });
    }

    /** Signs {@code message} with {@code key}; {@code t=} is {@code timestamp} (seconds since the epoch). */
    public static byte[] sign(byte[] message, SigningKey key, long timestamp) {
        int bodyStart = bodyStart(message);
        String headerBlock = new String(message, 0, bodyStart < 0 ? message.length : bodyStart, StandardCharsets.ISO_8859_1);
        List<String> fields = fields(headerBlock);

        List<String> signedNames = new ArrayList<>();
        StringBuilder hashed = new StringBuilder();
        for (String name : SIGNED) {
            List<String> instances = new ArrayList<>();
            for (String f : fields) {
                if (name(f).equals(name)) {
                    instances.add(f);
                }
            }
            for (int i = instances.size() - 1; i >= 0; i--) {
                signedNames.add(name);
                hashed.append(relaxedHeader(instances.get(i)));
            }
        }
        String bh = Base64.getEncoder().encodeToString(bodyHash(message, bodyStart < 0 ? message.length : bodyStart));
        String header = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s="
                + key.selector() + ";\r\n\tt=" + timestamp + "; h=" + String.join(":", signedNames) + ";\r\n\tbh=" + bh
                + ";\r\n\tb=";
        String canonical = relaxedHeader(header + "\r\n");
        hashed.append(canonical, 0, canonical.length() - 2);
        byte[] signature;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.key());
            rsa.update(hashed.toString().getBytes(StandardCharsets.ISO_8859_1));
            signature = rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
        String b = Base64.getEncoder().encodeToString(signature);
        StringBuilder folded = new StringBuilder(header);
        for (int i = 0; i < b.length(); i += 72) {
            if (i > 0) {
                folded.append("\r\n\t ");
            }
            folded.append(b, i, Math.min(b.length(), i + 72));
        }
        folded.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + folded.length());
        out.writeBytes(folded.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(message);
        return out.toByteArray();
    }

    /** The normalised domain of the first address in the first From field, or null when there is none. */
    static String fromDomain(byte[] message) {
        int bodyStart = bodyStart(message);
        for (String f : fields(new String(message, 0, bodyStart < 0 ? message.length : bodyStart, StandardCharsets.ISO_8859_1))) {
            if (name(f).equals("from")) {
                String value = f.substring(f.indexOf(':') + 1).replaceAll("\r?\n", "");
                try {
                    InternetAddress[] list = InternetAddress.parseHeader(value, false);
                    if (list.length == 0 || list[0].getAddress() == null) {
                        return null;
                    }
                    return EmailAddress.parse(list[0].getAddress()).domain();
                } catch (AddressException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Offset of the body (after the empty line ending the header), or -1 when the message is all header. */
    static int bodyStart(byte[] m) {
        int i = 0;
        while (i < m.length) {
            // i is the start of a line: an empty line (CRLF or a bare LF) ends the header
            if (m[i] == '\n') {
                return i + 1;
            }
            if (m[i] == '\r' && i + 1 < m.length && m[i + 1] == '\n') {
                return i + 2;
            }
            while (i < m.length && m[i] != '\n') {
                i++;
            }
            i++;
        }
        return -1;
    }

    /** Header fields with their folding and line ends, in order. */
    static List<String> fields(String headerBlock) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        int i = 0;
        while (i < headerBlock.length()) {
            int nl = headerBlock.indexOf('\n', i);
            int end = nl < 0 ? headerBlock.length() : nl + 1;
            String line = headerBlock.substring(i, end);
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && cur != null) {
                cur.append(line);
            } else {
                if (cur != null) {
                    out.add(cur.toString());
                }
                cur = new StringBuilder(line);
            }
            i = end;
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        out.removeIf(f -> f.indexOf(':') < 0);
        return out;
    }

    private static String name(String field) {
        return field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT);
    }

    /** RFC 6376 §3.4.2: lower-case name, unfolded value, WSP runs as one SP, no WSP around the colon or at the end. */
    static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).replaceAll("[ \t]+$", "").toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r", "").replace("\n", "");
        value = value.replaceAll("[ \t]+", " ");
        value = value.startsWith(" ") ? value.substring(1) : value;
        value = value.endsWith(" ") ? value.substring(0, value.length() - 1) : value;
        return name + ":" + value + "\r\n";
    }

    /**
     * RFC 6376 §3.4.4 and the SHA-256 of the result, in one pass over the bytes from {@code start}: WSP runs as one
     * SP, none at line ends, empty lines at the end dropped, each line ended by CRLF (an empty body hashes nothing).
     */
    static byte[] bodyHash(byte[] m, int start) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] line = new byte[1024];
        int emptyRun = 0;
        int i = start;
        while (i < m.length) {
            int nl = i;
            while (nl < m.length && m[nl] != '\n') {
                nl++;
            }
            int end = nl < m.length && nl > i && m[nl - 1] == '\r' ? nl - 1 : nl;
            int len = 0;
            boolean wsp = false;
            for (int j = i; j < end; j++) {
                byte c = m[j];
                if (c == ' ' || c == '\t') {
                    wsp = true;
                    continue;
                }
                if (len + 2 > line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                if (wsp) {
                    line[len++] = ' ';
                    wsp = false;
                }
                line[len++] = c;
            }
            if (len == 0) {
                emptyRun++;
            } else {
                for (; emptyRun > 0; emptyRun--) {
                    md.update(CRLF);
                }
                md.update(line, 0, len);
                md.update(CRLF);
            }
            i = nl + 1;
        }
        return md.digest();
    }

    private static final byte[] CRLF = {'\r', '\n'};

}
