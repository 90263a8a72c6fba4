package dev.gannet.imap.session;

import dev.gannet.core.store.Content;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ContentWriter#literal}: a literal's header is written only once its content is known to be coming. */
class ContentWriterTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Responder out = new Responder(channel);
    private final AtomicBoolean started = new AtomicBoolean();

    private String written() {
        channel.runPendingTasks();
        channel.flushOutbound();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            all.writeBytes(bytes);
            b.release();
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer bytes(int n, char c) {
        return ByteBuffer.wrap(String.valueOf(c).repeat(n).getBytes(StandardCharsets.ISO_8859_1));
    }

    private void write(Content c) {
        ContentWriter.literal(out, "X {" + c.size() + "}\r\n", c, () -> started.set(true)).block();
    }

    @Test
    void aSmallContentIsWrittenWholeAfterItsHeader() {
        write(new Content(5, Flux.just(bytes(2, 'a'), bytes(3, 'b'))));
        assertThat(written()).isEqualTo("X {5}\r\naabbb");
        assertThat(started).isTrue();
        write(Content.empty());
        assertThat(written()).isEqualTo("X {0}\r\n");
    }

    @Test
    void aContentFailingBeforeItsReadAheadWritesNothing() {
        int n = ContentWriter.READ_AHEAD - 1;
        Content c = new Content(2L * n, Flux.just(bytes(n, 'a')).concatWith(Flux.error(new IllegalStateException("gone"))));
        assertThatThrownBy(() -> write(c)).hasMessageContaining("gone");
        assertThat(written()).isEmpty();
        assertThat(started).isFalse();
    }

    @Test
    void aContentFailingAfterItsReadAheadHasStarted() {
        int n = ContentWriter.READ_AHEAD;
        Content c = new Content(2L * n, Flux.just(bytes(n, 'a')).concatWith(Flux.error(new IllegalStateException("gone"))));
        assertThatThrownBy(() -> write(c)).hasMessageContaining("gone");
        assertThat(written()).startsWith("X {" + 2 * n + "}\r\naaa").hasSize(("X {" + 2 * n + "}\r\n").length() + n);
        assertThat(started).isTrue();
    }

    @Test
    void aContentThatDoesNotMatchItsSizeFailsAndNeverWritesPastIt() {
        assertThatThrownBy(() -> write(new Content(4, Flux.just(bytes(3, 'a'))))).hasMessageContaining("size 4");
        assertThat(written()).isEqualTo("X {4}\r\naaa");
        assertThatThrownBy(() -> write(new Content(2, Flux.just(bytes(3, 'a'))))).hasMessageContaining("longer");
        assertThat(written()).isEmpty();
    }
}
