package dev.gannet.lmtp.e2e;

import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.Uid;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads delivered messages back through the store API and splits off the trace fields LMTP prepends. */
final class Stored {

    private Stored() {
    }

    static List<byte[]> messages(GannetExtension gannet, TestUser user, String mailbox) {
        Mailbox box = gannet.mailbox(user, mailbox);
        long[] uids = gannet.store().messages().uids(box.id()).block(Duration.ofSeconds(30));
        List<byte[]> out = new ArrayList<>();
        for (long uid : uids) {
            out.add(Messages.bytes(gannet.store().messages().raw(box.id(), Uid.of(uid)).block(Duration.ofSeconds(30))));
        }
        return out;
    }

    /** The prepended trace fields: Return-Path, Delivered-To, Received (folded), nothing else. */
    static String trace(byte[] stored, byte[] original) {
        assertThat(stored.length).isGreaterThan(original.length);
        byte[] tail = Arrays.copyOfRange(stored, stored.length - original.length, stored.length);
        assertThat(tail).as("the delivered bytes follow the trace fields unchanged").isEqualTo(original);
        String trace = new String(stored, 0, stored.length - original.length, StandardCharsets.UTF_8);
        assertThat(trace).matches("(?s)Return-Path: <[^\r\n]*>\r\nDelivered-To: [^\r\n]+\r\nReceived: [^\r\n]+\r\n"
                + "(\t[^\r\n]+\r\n)+");
        return trace;
    }
}
