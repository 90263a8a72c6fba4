package dev.gannet.core.store;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Which senders a user's vacation replies went to, and until when another reply must wait (RFC 5230 §4.2: one
 * reply per sender per period, per vacation handle). {@link #claim} is the conditional write that decides:
 * when two deliveries race for the same sender, exactly one gets {@code true} and replies.
 */
public interface VacationLog {

    /**
     * Claims the right to reply to {@code sender} for {@code handle} until {@code until}; emits true when no
     * earlier claim is still running at {@code now}, false otherwise (another delivery won, or a reply was
     * sent within the period).
     */
    Mono<Boolean> claim(UserId user, String sender, String handle, Instant now, Instant until);

    /** Gives back a claim whose reply could not be queued, so the next message gets the reply. */
    Mono<Void> release(UserId user, String sender, String handle, Instant until);
}
