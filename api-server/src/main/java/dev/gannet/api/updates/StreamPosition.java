package dev.gannet.api.updates;

import dev.gannet.api.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an update stream stands: the last modseq sent per mailbox and the last mailbox-list event of the
 * user. It is the SSE event id ({@code u=7;MBOXID=42;...}), so a client that reconnects with
 * {@code Last-Event-ID} resumes exactly after the last event it received.
 */
final class StreamPosition {

    long userSeq;
    final Map<String, Long> modseqs = new LinkedHashMap<>();

    static StreamPosition parse(String id) {
        StreamPosition p = new StreamPosition();
        try {
            for (String item : id.split(";")) {
                int eq = item.indexOf('=');
                String k = item.substring(0, eq);
                long v = Long.parseLong(item.substring(eq + 1));
                if (v < 0 || k.isEmpty()) {
                    throw new IllegalArgumentException();
                }
                if (k.equals("u")) {
                    p.userSeq = v;
                } else {
                    p.modseqs.put(k, v);
                }
            }
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Last-Event-ID is not an id this stream sent");
        }
        return p;
    }

    String id() {
        StringBuilder sb = new StringBuilder("u=").append(userSeq);
        modseqs.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
        return sb.toString();
    }
}
