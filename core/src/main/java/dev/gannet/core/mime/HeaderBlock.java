package dev.gannet.core.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Splits one header block into fields (RFC 5322 §2.2) with mime4j's streaming tokenizer, configured
 * so that no header is too long or too many and malformed lines are skipped rather than fatal.
 * Values are unfolded (CR and LF removed, RFC 5322 §2.2.3) with white space before the first line
 * break dropped, bytes read as UTF-8 where valid and kept raw otherwise ({@link RawHeaderBytes}), and not
 * RFC 2047-decoded.
 */
final class HeaderBlock {

    /** {@code value} may hold raw bytes' stand-ins ({@link RawHeaderBytes}). */
    record Line(String name, String value) {

        /**
         * The value as search compares it: as Dovecot does, bytes that are not UTF-8 are U+FFFD, so
         * {@code SUBJECT "ü"} does not match a raw GB2312 or EUC-KR subject.
         */
        String searchValue() {
            return RawHeaderBytes.readable(value);
        }
    }

    private static final MimeConfig LENIENT = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .setMalformedHeaderStartsBody(false)
            .build();

    private static final byte[] END_OF_HEADER = {'\r', '\n', '\r', '\n'};

    private HeaderBlock() {
    }

    static List<Line> parse(byte[] header) {
        List<Line> lines = new ArrayList<>();
        MimeTokenStream tokens = new MimeTokenStream(LENIENT);
        tokens.setRecursionMode(RecursionMode.M_FLAT);
        tokens.parse(new SequenceInputStream(new ByteArrayInputStream(header), new ByteArrayInputStream(END_OF_HEADER)));
        try {
            for (EntityState s = tokens.getState(); s != EntityState.T_END_OF_STREAM; s = tokens.next()) {
                if (s == EntityState.T_FIELD) {
                    Line line = toLine(tokens.getField());
                    if (line != null) {
                        lines.add(line);
                    }
                } else if (s == EntityState.T_END_HEADER || s == EntityState.T_BODY) {
                    break;
                }
            }
        } catch (IOException | MimeException | RuntimeException e) {
            // Keep the fields read so far: a broken header never fails the message.
        }
        return lines;
    }

    private static boolean startsWithWhiteSpace(Field field) {
        ByteSequence raw = field instanceof RawField r ? r.getRaw() : null;
        return raw != null && raw.length() > 0 && (raw.byteAt(0) == ' ' || raw.byteAt(0) == '\t');
    }

    private static Line toLine(Field field) {
        String name = field.getName();
        if (name == null || name.isBlank() || startsWithWhiteSpace(field)) {
            return null; // a first line that starts with white space continues no field (RFC 5322 §2.2.3)
        }
        if (field instanceof RawField raw && raw.getRaw() != null) {
            ByteSequence bytes = raw.getRaw();
            int from = raw.getDelimiterIdx() + 1;
            byte[] value = new byte[Math.max(0, bytes.length() - from)];
            for (int i = 0; i < value.length; i++) {
                value[i] = bytes.byteAt(from + i);
            }
            return new Line(name.trim(), unfold(RawHeaderBytes.decode(value)));
        }
        return new Line(name.trim(), unfold(field.getBody() == null ? "" : field.getBody()));
    }

    /** Drops CR and LF, and white space before the first line break only (as Dovecot's header parser). */
    static String unfold(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean leading = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                leading = false;
                continue;
            }
            if (leading && (c == ' ' || c == '\t')) {
                continue;
            }
            leading = false;
            sb.append(c);
        }
        return sb.toString();
    }

    /** Value of the first field with this name (case-insensitive), or null. */
    static String first(List<Line> lines, String name) {
        for (Line l : lines) {
            if (l.name().equalsIgnoreCase(name)) {
                return l.value();
            }
        }
        return null;
    }

    /** Value of the last field with this name (case-insensitive), or null. */
    static String last(List<Line> lines, String name) {
        Line found = lastLine(lines, name);
        return found == null ? null : found.value();
    }

    /** The last field with this name (case-insensitive), or null. */
    static Line lastLine(List<Line> lines, String name) {
        Line found = null;
        for (Line l : lines) {
            if (l.name().equalsIgnoreCase(name)) {
                found = l;
            }
        }
        return found;
    }
}
