package dev.gannet.lmtp.command.hello;

import dev.gannet.lmtp.protocol.LmtpCommand;
import dev.gannet.lmtp.protocol.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * LHLO (RFC 2033 §4.1): greets the client by name and lists the service extensions: PIPELINING (RFC 2920),
 * ENHANCEDSTATUSCODES (RFC 2034), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), CHUNKING (RFC 3030), SIZE
 * (RFC 1870) and, on a connection not yet encrypted, STARTTLS (RFC 3207).
 */
public final class LhloHandler {

    private final String hostname;
    private final long maxMessageSize;

    public LhloHandler(String hostname, long maxMessageSize) {
        this.hostname = hostname;
        this.maxMessageSize = maxMessageSize;
    }

    public Reply handle(LmtpCommand.Lhlo command, boolean tlsActive) {
        List<String> lines = new ArrayList<>(List.of(hostname, "PIPELINING", "ENHANCEDSTATUSCODES", "8BITMIME",
                "SMTPUTF8", "CHUNKING", "SIZE " + maxMessageSize));
        if (!tlsActive) {
            lines.add("STARTTLS");
        }
        return Reply.plain(250, lines);
    }
}
