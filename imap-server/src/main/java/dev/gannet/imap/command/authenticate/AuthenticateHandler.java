package dev.gannet.imap.command.authenticate;

import dev.gannet.imap.codec.RawCommand;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.login.Authenticator;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * AUTHENTICATE (RFC 3501 §6.2.2) with PLAIN (RFC 4616) and LOGIN, and the SASL-IR initial response
 * (RFC 4959). A client line of {@code *} cancels the exchange with BAD.
 */
public final class AuthenticateHandler {

    private static final String USERNAME = Base64.getEncoder().encodeToString("Username:".getBytes(StandardCharsets.US_ASCII));
    private static final String PASSWORD = Base64.getEncoder().encodeToString("Password:".getBytes(StandardCharsets.US_ASCII));

    private AuthenticateHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Authenticate c, ImapSession s) {
        if (!s.plaintextAllowed()) {
            return Mono.just(Tagged.no("PRIVACYREQUIRED", "Use STARTTLS first"));
        }
        return switch (c.mechanism()) {
            case "PLAIN" -> response(s, c.initialResponse(), "").flatMap(data -> plain(s, data));
            case "LOGIN" -> response(s, c.initialResponse(), USERNAME)
                    .flatMap(user -> response(s, null, PASSWORD)
                            .flatMap(pass -> Authenticator.login(s, utf8(user), utf8(pass))));
            default -> Mono.just(Tagged.no("CANNOT", "Unsupported authentication mechanism"));
        };
    }

    private static Mono<Tagged> plain(ImapSession s, byte[] data) {
        String[] parts = utf8(data).split("\u0000", -1);
        if (parts.length != 3) {
            return Mono.error(new ImapNo(Tagged.bad("Malformed PLAIN response")));
        }
        if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
            return Authenticator.refused(s, parts[1], dev.gannet.core.auth.LoginService.REASON_AUTHZID);
        }
        return Authenticator.login(s, parts[1], parts[2]);
    }

    /** The client's base64 response: the initial response if given, else the next line after a challenge. */
    private static Mono<byte[]> response(ImapSession s, String initial, String challenge) {
        if (initial != null) {
            return Mono.fromCallable(() -> decode(initial));
        }
        Mono<RawCommand> line = s.readContinuation();
        s.out().continuation(challenge);
        return line.map(raw -> {
            try {
                if (raw.hasLiterals()) {
                    throw new ImapNo(Tagged.bad("Unexpected literal"));
                }
                String text = raw.firstLine();
                if (text.equals("*")) {
                    throw new ImapNo(Tagged.bad("Authentication aborted"));
                }
                return decode(text);
            } finally {
                raw.release();
            }
        });
    }

    private static byte[] decode(String b64) {
        if (b64.isEmpty() || b64.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new ImapNo(Tagged.bad("Invalid base64"));
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
