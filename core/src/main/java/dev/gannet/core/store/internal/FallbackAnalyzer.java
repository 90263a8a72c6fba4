package dev.gannet.core.store.internal;

import dev.gannet.core.mime.BodyPart;
import dev.gannet.core.mime.ByteRange;
import dev.gannet.core.mime.Envelope;
import dev.gannet.core.mime.LeafInfo;
import dev.gannet.core.mime.MessageNode;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.mime.SearchFields;
import dev.gannet.core.mime.ThreadKey;
import dev.gannet.core.store.MessageSource;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.List;

/**
 * The minimal view of a message when the real parser fails or is absent: a header (up to the first empty
 * line, or the whole message if there is none) and one opaque text/plain body. It keeps offsets exact, so
 * byte fidelity and BODY[HEADER]/BODY[TEXT] still hold for mail no parser could read (malformed MIME never
 * fails ingest).
 */
final class FallbackAnalyzer implements MimeAnalyzer {

    @Override
    public ParsedMessage parse(MessageSource source) throws Exception {
        long size = source.size();
        long bodyStart = size;
        try (InputStream in = new BufferedInputStream(source.open())) {
            long pos = 0;
            int prev = -1;
            int prev2 = -1;
            int b;
            while ((b = in.read()) >= 0) {
                pos++;
                if (b == '\n' && (prev == '\n' || (prev == '\r' && prev2 == '\n'))) {
                    bodyStart = pos;
                    break;
                }
                prev2 = prev;
                prev = b;
            }
        }
        ByteRange header = new ByteRange(0, bodyStart);
        ByteRange body = new ByteRange(bodyStart, size);
        BodyPart part = new BodyPart("1", BodyPart.Kind.LEAF, header, body, "text", "plain", List.of(), null, null,
                "7bit", 0, null, null, List.of(), null, List.of(), null, new LeafInfo(null, false, body.length(), null));
        MessageNode node = new MessageNode(header, body, Envelope.EMPTY, part);
        SearchFields search = new SearchFields(List.of(), List.of(), List.of(), List.of(), "", "", null, null,
                List.of(), null, null, null, List.of(), false);
        return new ParsedMessage(size, node, search, "", false, "", new ThreadKey(null, List.of(), "", false));
    }
}
