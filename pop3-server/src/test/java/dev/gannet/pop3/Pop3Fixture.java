package dev.gannet.pop3;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;

import java.time.Duration;
import java.util.List;

/** Shared steps of the POP3 tests: delivering messages into a user's INBOX and reading it back. */
public final class Pop3Fixture {

    private Pop3Fixture() {
    }

    public static Appended deliver(GannetExtension gannet, TestUser user, byte[] message) {
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        return gannet.store().messages().append(new AppendRequest(user.id(), inbox.id(),
                new MessageSource.Bytes(message), Flags.NONE, null, AppendRequest.Origin.INTERNAL))
                .block(Duration.ofSeconds(30));
    }

    /** What a client gets from RETR after unstuffing: the message, plus the line break POP3 needs at the end. */
    public static byte[] retrieved(byte[] message) {
        int n = message.length;
        if (n == 0 || message[n - 1] == '\n') {
            return message;
        }
        byte[] out = java.util.Arrays.copyOf(message, n + (message[n - 1] == '\r' ? 1 : 2));
        if (message[n - 1] == '\r') {
            out[n] = '\n';
        } else {
            out[n] = '\r';
            out[n + 1] = '\n';
        }
        return out;
    }

    /** Byte equality with a short failure message (first difference) instead of two dumped arrays. */
    public static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        int n = Math.min(actual.length, expected.length);
        for (int i = 0; i < n; i++) {
            if (actual[i] != expected[i]) {
                throw new AssertionError(what + ": first difference at byte " + i + " of " + expected.length);
            }
        }
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": " + actual.length + " bytes, expected " + expected.length);
        }
    }

    public static List<MessageMeta> inbox(GannetExtension gannet, TestUser user) {
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        return gannet.store().messages().list(inbox.id(), UidSet.ALL).collectList().block(Duration.ofSeconds(30));
    }

    public static List<MessageMeta> mailbox(GannetExtension gannet, TestUser user, String name) {
        Mailbox box = gannet.mailbox(user, name);
        return gannet.store().messages().list(box.id(), UidSet.ALL).collectList().block(Duration.ofSeconds(30));
    }
}
