package dev.gannet.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Collects the text that BODY and TEXT search (RFC 3501 §6.4.4) look in: every text/* and message/*
 * leaf (attachments and every alternative too), transfer-decoded and read in its charset (RFC 2046
 * §4.1.2; unknown, missing or US-ASCII labels read as UTF-8 falling back to ISO-8859-1), parts
 * separated by a newline, capped at a number of characters. HTML is kept as its source, as Dovecot
 * searches it: a word split by markup is not found, a word in an attribute is. Apart from it, for
 * TEXT only, the header fields of every part below the top level ("name: decoded value" lines),
 * capped at a quarter of the body cap.
 */
final class BodyText {

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder headers = new StringBuilder();
    private final int max;
    private boolean truncated;
    private int firstStart = -1;
    private int firstEnd;
    private boolean firstHtml;

    BodyText(int max) {
        this.max = max;
    }

    boolean full() {
        return text.length() >= max;
    }

    boolean truncated() {
        return truncated;
    }

    String text() {
        return text.toString();
    }

    String partHeaders() {
        return headers.toString();
    }

    /** Adds the fields of a part's (or an embedded message's) header, RFC 2047-decoded. */
    void appendHeader(List<HeaderBlock.Line> lines) {
        for (HeaderBlock.Line line : lines) {
            String field = line.name() + ": " + SearchFacts.decode(line.searchValue()) + "\n";
            if (headers.length() + field.length() > max / 4) {
                truncated = true;
                return;
            }
            headers.append(field);
        }
    }

    /**
     * The text of the first inline text/plain or text/html part (what a PREVIEW shows, RFC 8970 §3.1), HTML
     * reduced to its text; empty when there is none.
     */
    String firstPart() {
        if (firstStart < 0) {
            return "";
        }
        String part = text.substring(firstStart, firstEnd);
        return firstHtml ? HtmlText.toText(part) : part;
    }

    /**
     * Appends a decoded part; reads no further than the cap needs (the caller drains the rest). The first part
     * that is {@code previewable} (inline text/plain or text/html) is remembered for {@link #firstPart}.
     */
    void append(InputStream decoded, String charset, boolean previewable, boolean html) throws IOException {
        boolean first = previewable && firstStart < 0;
        int start = text.length() == 0 ? 0 : text.length() + 1;
        try {
            appendPart(decoded, charset);
        } finally {
            if (first && start <= text.length()) {
                firstStart = start;
                firstEnd = text.length();
                firstHtml = html;
            }
        }
    }

    private void appendPart(InputStream decoded, String charset) throws IOException {
        if (full()) {
            truncated |= decoded.read() >= 0;
            return;
        }
        if (text.length() > 0) {
            text.append('\n');
        }
        Reader reader = reader(decoded, charset);
        char[] chunk = new char[4096];
        int n;
        while ((n = reader.read(chunk, 0, chunk.length)) > 0) {
            for (int i = 0; i < n; i++) {
                if (text.length() >= max) {
                    truncated = true;
                    return;
                }
                text.append(chunk[i]);
            }
        }
    }

    private static Reader reader(InputStream in, String charsetName) {
        Charset cs = TextDecoding.lookup(charsetName);
        if (cs == null || cs.equals(StandardCharsets.US_ASCII) || cs.equals(StandardCharsets.UTF_8)) {
            return new LenientUtf8Reader(in);
        }
        return new InputStreamReader(in, cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
}
