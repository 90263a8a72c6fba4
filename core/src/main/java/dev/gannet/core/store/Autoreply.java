package dev.gannet.core.store;

import java.time.Instant;

/**
 * A vacation reply in WildDuck's shape: on when {@code status} is true and now is within {@code start} and
 * {@code end} (each optional). {@code name} is the display name of the reply's From, {@code html} an optional
 * HTML alternative of {@code text}.
 */
public record Autoreply(boolean status, String name, String subject, String text, String html, Instant start,
        Instant end, Instant created) {

    public Autoreply {
        name = name == null ? "" : name;
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        html = html == null ? "" : html;
    }

    /** True when a reply is due at {@code now}. */
    public boolean activeAt(Instant now) {
        return status && (start == null || !now.isBefore(start)) && (end == null || now.isBefore(end));
    }
}
