package dev.gannet.lmtp.delivery;

import java.util.List;
import java.util.Objects;

/**
 * One finished transaction as delivery needs it: the queue id, the reverse path, the recipients in RCPT
 * order (duplicates included, each gets its reply line) and what the Received field tells about the
 * client (RFC 5321 §4.4).
 */
public record Envelope(String session, String queueId, String reversePath, List<Recipient> recipients, String lhloName,
        String peerAddress, boolean tls) {
    public Envelope {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(reversePath, "reversePath");
        recipients = List.copyOf(recipients);
    }
}
