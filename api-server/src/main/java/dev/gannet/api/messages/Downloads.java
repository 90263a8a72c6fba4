package dev.gannet.api.messages;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.core.mime.BodyPart;
import dev.gannet.core.mime.MessageParser;
import dev.gannet.core.mime.TransferCodec;
import dev.gannet.core.store.Content;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.Uid;

import java.util.ArrayList;
import java.util.List;

/**
 * Downloads: the raw message exactly as stored ({@code message.eml}, with its exact Content-Length), and
 * one attachment decoded from its transfer encoding. Both stream from the store.
 */
final class Downloads {

    private Downloads() {
    }

    static Object raw(MailStore store, Call call, Mailbox mb, Uid uid) {
        MessageRoutes.meta(store, mb, uid); // a live message only: an expunged one kept for IMAP sessions is gone here
        Content c = Call.await(store.messages().raw(mb.id(), uid), "no such message");
        call.ctx().header("Content-Length", Long.toString(c.size()))
                .header("Content-Disposition", "attachment; filename=\"" + uid.value() + ".eml\"")
                .contentType("message/rfc822").result(new ContentStream(c));
        return null;
    }

    static Object attachment(MailStore store, Call call, Mailbox mb, Uid uid) {
        List<Integer> path = partPath(call.path("attachment"));
        MessageRoutes.meta(store, mb, uid);
        byte[] mime = MessageViews.bytes(Call.await(store.messages().part(mb.id(), uid, new PartSpec.Mime(path)), "no such attachment"));
        if (mime.length == 0) {
            throw ApiException.notFound("no such attachment");
        }
        BodyPart part = MessageParser.parse(mime).body();
        if (part.kind() != BodyPart.Kind.LEAF) {
            throw ApiException.notFound("no such attachment");
        }
        Content body = Call.await(store.messages().part(mb.id(), uid, new PartSpec.Part(path)), "no such attachment");
        String name = part.leaf().filename();
        call.ctx().contentType(part.mimeType());
        if (name != null && !name.isEmpty()) {
            call.ctx().header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[\"\\\\\\r\\n]", "_") + "\"");
        }
        call.ctx().result(TransferCodec.decoder(new ContentStream(body), part.encoding()));
        return null;
    }

    /** "2.1" → [2, 1]; anything else is a 404, since such a part cannot exist. */
    static List<Integer> partPath(String id) {
        List<Integer> out = new ArrayList<>();
        for (String s : id.split("\\.", -1)) {
            try {
                int n = Integer.parseInt(s);
                if (n < 1) {
                    throw ApiException.notFound("no such attachment");
                }
                out.add(n);
            } catch (NumberFormatException e) {
                throw ApiException.notFound("no such attachment");
            }
        }
        return out;
    }
}
