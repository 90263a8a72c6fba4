package dev.gannet.imap.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames IMAP client input (RFC 3501 §2.2, §4.3; RFC 7888 LITERAL+ and LITERAL-; RFC 3516 literal8, whose
 * {@code ~} is left in the text for the parser) into {@link RawCommand}s: an explicit
 * state machine over the cumulated {@link ByteBuf} that reads a line, and, when the line ends in a literal
 * marker, checks the announced size against the limit before a single literal byte is accepted. A
 * synchronising literal that fits yields a {@link ContinuationRequest}; one that does not is refused at
 * once (the client sends nothing more for that command). A non-synchronising literal over the limit is
 * read and thrown away exactly, with the rest of its command, so upload bytes are never taken for
 * commands. Large APPEND literals are written to a spool file as they arrive.
 */
public final class ImapDecoder extends ByteToMessageDecoder {

    private enum State { LINE, LITERAL, SKIP_LITERAL, CLOSED }

    private final CodecLimits limits;
    private State state = State.LINE;
    private final List<Fragment> fragments = new ArrayList<>();
    private int scanned;
    private long commandBytes;
    private String tag;
    private boolean append;
    private int appendLiterals;
    private long appendBytes;
    private long appendHeap;
    private DecodeProblem problem;
    private long remaining;
    private byte[] heap;
    private int heapPos;
    private Path spoolFile;
    private FileChannel spool;

    public ImapDecoder(CodecLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int before = out.size();
        // one command per call, so the session sees it (and may discard what follows) before more is decoded
        while (in.isReadable() && out.size() == before) {
            switch (state) {
                case LINE -> {
                    if (!readLine(in, out)) {
                        return;
                    }
                }
                case LITERAL -> readLiteral(in);
                case SKIP_LITERAL -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    in.skipBytes(n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.LINE;
                    }
                }
                case CLOSED -> in.skipBytes(in.readableBytes());
            }
        }
    }

    private boolean readLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            scanned = in.readableBytes();
            if (commandBytes + scanned > limits.maxCommandBytes()) {
                tooLong(in, out);
            }
            return false;
        }
        scanned = 0;
        int len = lf - start;
        if (commandBytes + len > limits.maxCommandBytes()) {
            tooLong(in, out);
            return false;
        }
        int textLen = len > 0 && in.getByte(lf - 1) == '\r' ? len - 1 : len;
        String line = in.toString(start, textLen, StandardCharsets.UTF_8);
        in.skipBytes(len + 1);
        commandBytes += len + 1;
        if (fragments.isEmpty() && problem == null && tag == null) {
            readTagAndName(line);
        }
        int marker = markerStart(line);
        if (marker < 0) {
            if (problem != null) {
                out.add(problem);
            } else {
                fragments.add(new Fragment.Text(line));
                out.add(new RawCommand(fragments));
            }
            reset(false);
            return true;
        }
        boolean sync = line.charAt(line.length() - 2) != '+';
        long size = Long.parseLong(line.substring(marker + 1, line.length() - (sync ? 1 : 2)));
        if (problem == null) {
            fragments.add(new Fragment.Text(line.substring(0, marker)));
            long limit = append ? limits.appendLimit() : limits.maxCommandBytes() - commandBytes;
            if (append) {
                appendLiterals++;
                appendBytes += size;
            }
            if (!sync && !limits.literalPlus() && size > CodecLimits.LITERAL_MINUS_MAX) {
                refuse(new DecodeProblem(tag, "BAD", "TOOBIG", "Non-synchronizing literal over 4096 bytes", false));
            } else if (append && appendLiterals > limits.appendMaxLiterals()) {
                refuse(new DecodeProblem(tag, "NO", "LIMIT", "Too many messages or parts in one APPEND", false));
            } else if (size > limit || (append && appendBytes > limits.appendMaxBytes())) {
                refuse(append ? new DecodeProblem(tag, "NO", "TOOBIG", "Message too large", false)
                        : new DecodeProblem(tag, "BAD", null, "Literal too long", false));
            } else {
                beginLiteral(size, out);
                if (problem == null) {
                    if (sync) {
                        out.add(ContinuationRequest.INSTANCE);
                    }
                    return true;
                }
            }
        }
        if (sync) {
            out.add(problem);
            reset(false);
        } else {
            remaining = size;
            state = size == 0 ? State.LINE : State.SKIP_LITERAL;
        }
        return true;
    }

    private void beginLiteral(long size, List<Object> out) {
        if (size == 0) {
            fragments.add(new Fragment.Bytes(new byte[0]));
            return;
        }
        remaining = size;
        state = State.LITERAL;
        // the APPEND literals of one command (MULTIAPPEND, CATENATE) share one threshold's worth of heap
        if (append && (size > limits.spoolThreshold() || appendHeap + size > limits.spoolThreshold())) {
            try {
                Files.createDirectories(limits.spoolDir());
                spoolFile = Files.createTempFile(limits.spoolDir(), "append-", ".eml");
                spool = FileChannel.open(spoolFile, StandardOpenOption.WRITE);
            } catch (IOException e) {
                deleteSpool();
                state = State.LINE;
                refuse(new DecodeProblem(tag, "NO", "UNAVAILABLE", "Cannot store the message now", false));
            }
        } else {
            heap = new byte[(int) size];
            heapPos = 0;
            if (append) {
                appendHeap += size;
            } else {
                commandBytes += size;
            }
        }
    }

    private void readLiteral(ByteBuf in) {
        int n = (int) Math.min(remaining, in.readableBytes());
        if (spool != null) {
            try {
                int left = n;
                while (left > 0) {
                    left -= in.readBytes(spool, left);
                }
            } catch (IOException e) {
                deleteSpool();
                refuse(new DecodeProblem(tag, "NO", "UNAVAILABLE", "Cannot store the message now", false));
                in.skipBytes(Math.min(n, in.readableBytes()));
            }
        } else {
            in.readBytes(heap, heapPos, n);
            heapPos += n;
        }
        remaining -= n;
        if (problem != null) {
            state = remaining == 0 ? State.LINE : State.SKIP_LITERAL;
            return;
        }
        if (remaining == 0) {
            if (spool != null) {
                long size = spoolSize();
                closeSpool();
                fragments.add(new Fragment.Spooled(spoolFile, size));
                spoolFile = null;
            } else {
                fragments.add(new Fragment.Bytes(heap));
            }
            heap = null;
            state = State.LINE;
        }
    }

    private long spoolSize() {
        try {
            return spool.size();
        } catch (IOException e) {
            return -1;
        }
    }

    private void refuse(DecodeProblem p) {
        problem = p;
        new RawCommand(fragments).release();
        fragments.clear();
        heap = null;
    }

    private void tooLong(ByteBuf in, List<Object> out) {
        in.skipBytes(in.readableBytes());
        out.add(new DecodeProblem(null, "BYE", null, "Command line too long", true));
        reset(false);
        state = State.CLOSED;
    }

    private void readTagAndName(String line) {
        int sp = line.indexOf(' ');
        if (sp <= 0) {
            return;
        }
        String candidate = line.substring(0, sp);
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\+".indexOf(c) >= 0) {
                return;
            }
        }
        tag = candidate;
        int sp2 = line.indexOf(' ', sp + 1);
        String name = sp2 < 0 ? line.substring(sp + 1) : line.substring(sp + 1, sp2);
        append = name.equalsIgnoreCase("APPEND");
    }

    /** Index of the {@code {} of a trailing {@code {n}} or {@code {n+}}, or -1. */
    static int markerStart(String line) {
        int n = line.length();
        if (n < 3 || line.charAt(n - 1) != '}') {
            return -1;
        }
        int end = line.charAt(n - 2) == '+' ? n - 2 : n - 1;
        int i = end - 1;
        while (i >= 0 && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i--;
        }
        int digits = end - 1 - i;
        if (i < 0 || line.charAt(i) != '{' || digits == 0 || digits > 12) {
            return -1;
        }
        return i;
    }

    private void reset(boolean dropFragments) {
        if (dropFragments) {
            new RawCommand(fragments).release();
        }
        fragments.clear();
        commandBytes = 0;
        tag = null;
        append = false;
        appendLiterals = 0;
        appendBytes = 0;
        appendHeap = 0;
        problem = null;
        heap = null;
        deleteSpool();
        if (state != State.CLOSED) {
            state = State.LINE;
        }
    }

    /**
     * Drops every byte received but not yet decoded, and any half-read command: after STARTTLS, what the
     * client pipelined in plain text must not be executed (CVE-2011-0411).
     */
    public void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        scanned = 0;
        reset(true);
    }

    private void closeSpool() {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException ignored) {
                // the file is deleted or handed on; nothing more to do
            }
            spool = null;
        }
    }

    private void deleteSpool() {
        closeSpool();
        if (spoolFile != null) {
            try {
                Files.deleteIfExists(spoolFile);
            } catch (IOException ignored) {
                // left for the next start's cleanup
            }
            spoolFile = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        reset(true);
    }
}
