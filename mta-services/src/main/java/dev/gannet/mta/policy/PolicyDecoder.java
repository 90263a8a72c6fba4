package dev.gannet.mta.policy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the policy delegation stream (Postfix SMTPD_POLICY_README, "Protocol description") into requests:
 * {@code name=value} lines ended by LF (a CR before it is dropped), a request ended by an empty line. The line
 * length and the attribute count are checked before anything is kept: the line is looked for only within
 * {@code maxLineLength} bytes. Breaking a limit yields {@link PolicyRequest.Malformed} once; the rest is
 * discarded unread.
 */
public final class PolicyDecoder extends ByteToMessageDecoder {

    private final int maxLineLength;
    private final int maxAttributes;
    private Map<String, String> attributes = new HashMap<>();
    private int count;
    private boolean failed;

    public PolicyDecoder(int maxLineLength, int maxAttributes) {
        this.maxLineLength = maxLineLength;
        this.maxAttributes = maxAttributes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.isReadable()) {
            int window = Math.min(in.readableBytes(), maxLineLength + 1);
            int eol = in.indexOf(in.readerIndex(), in.readerIndex() + window, (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > maxLineLength) {
                    fail(out, "attribute line longer than " + maxLineLength + " bytes");
                }
                break;
            }
            int length = eol - in.readerIndex();
            String line = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
            in.skipBytes(1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                out.add(new PolicyRequest.Attributes(attributes));
                attributes = new HashMap<>();
                count = 0;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                fail(out, "attribute line without name=value");
                break;
            }
            if (++count > maxAttributes) {
                fail(out, "more than " + maxAttributes + " attributes");
                break;
            }
            attributes.put(line.substring(0, eq), line.substring(eq + 1));
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void fail(List<Object> out, String reason) {
        failed = true;
        attributes = new HashMap<>();
        out.add(new PolicyRequest.Malformed(reason));
    }
}
