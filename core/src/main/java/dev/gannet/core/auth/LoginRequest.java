package dev.gannet.core.auth;

import java.util.Objects;

/**
 * One login attempt as a protocol hands it to {@link LoginService}: the user name and secret the client
 * sent, the protocol ({@code imap}, {@code pop3}, {@code api}, later {@code smtp}, {@code sieve}), the scope
 * it asks for (the protocol's own; the API's {@code scope} field, {@code master} by default), the client's
 * address without port and the protocol's session id (for the auth log). The secret never leaves this
 * record through {@link #toString()}.
 */
public record LoginRequest(String username, String secret, String protocol, String scope, String ip, String sess) {

    public LoginRequest {
        username = username == null ? "" : username;
        secret = secret == null ? "" : secret;
        Objects.requireNonNull(protocol, "protocol");
        scope = scope == null ? protocol : scope;
        ip = ip == null || ip.isEmpty() ? "-" : ip;
        sess = sess == null || sess.length() <= 255 ? sess : sess.substring(0, 255);
    }

    /** A protocol login whose scope is the protocol itself. */
    public static LoginRequest of(String protocol, String username, String secret, String ip, String sess) {
        return new LoginRequest(username, secret, protocol, protocol, ip, sess);
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", secret=***, protocol=" + protocol + ", scope=" + scope
                + ", ip=" + ip + ", sess=" + sess + "]";
    }
}
