package dev.gannet.core.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds a fresh decoder the same bytes whole, split at every byte boundary and one byte at a time (STYLE.md: every
 * codec is tested so), each run in its own {@code EmbeddedChannel}; the check sees each run's decoded messages.
 */
public final class DecoderFeed {

    private DecoderFeed() {
    }

    public static void everyWay(Supplier<ChannelHandler> decoder, byte[] bytes, Consumer<List<Object>> check) {
        check.accept(feed(decoder, List.of(bytes)));
        for (int i = 1; i < bytes.length; i++) {
            check.accept(feed(decoder, List.of(Arrays.copyOfRange(bytes, 0, i), Arrays.copyOfRange(bytes, i, bytes.length))));
        }
        List<byte[]> single = new ArrayList<>();
        for (byte b : bytes) {
            single.add(new byte[] {b});
        }
        check.accept(feed(decoder, single));
    }

    public static List<Object> feed(Supplier<ChannelHandler> decoder, List<byte[]> chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder.get());
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        ch.finishAndReleaseAll();
        return out;
    }
}
