package dev.gannet.delivery.sieve;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The message a script looks at, and what it may ask about the world. At delivery the envelope is known; for
 * a message already stored (filters applied to a mailbox) it is absent, and {@code envelope} tests are false.
 * {@link MessageContext} implements it over a message's bytes.
 */
public interface MailContext {

    /** The envelope sender, {@code ""} for the null sender; empty when there is no envelope. */
    Optional<String> envelopeFrom();

    /** The envelope recipient this delivery is for; empty when there is no envelope. */
    Optional<String> envelopeTo();

    /** Every field of that name (case-insensitive), in order, unfolded and with RFC 2047 words decoded. */
    List<String> header(String name);

    /** The message decoded as text for {@code body :text} (the text parts, decoded), bounded by the implementation. */
    String bodyText();

    /** The undecoded body for {@code body :raw}, bounded by the implementation. */
    String bodyRaw();

    /** The size of the message in octets (RFC 5228 §5.9). */
    long size();

    /** Whether the user has a mailbox of that name (RFC 5490 mailboxexists, and fileinto without :create). */
    boolean mailboxExists(String mailbox);

    /** The time {@code currentdate} sees. */
    default ZonedDateTime now() {
        return ZonedDateTime.now();
    }
}
