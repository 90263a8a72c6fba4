package dev.gannet.lmtp.command.data;

import dev.gannet.core.store.MessageSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolTest {

    @TempDir
    Path dir;

    private static byte[] write(Spool spool, int total, int piece) throws Exception {
        byte[] all = new byte[total];
        new Random(total).nextBytes(all);
        for (int i = 0; i < total; i += piece) {
            ByteBuf b = Unpooled.wrappedBuffer(all, i, Math.min(piece, total - i));
            try {
                spool.write(b);
            } finally {
                b.release();
            }
        }
        return all;
    }

    private static byte[] read(MessageSource s) throws Exception {
        try (InputStream in = s.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void smallBodiesStayOnTheHeap() throws Exception {
        try (Spool spool = new Spool(1000, dir)) {
            byte[] sent = write(spool, 1000, 7);
            assertThat(spool.spooled()).isFalse();
            assertThat(spool.source()).isInstanceOf(MessageSource.Bytes.class);
            assertThat(read(spool.source())).isEqualTo(sent);
        }
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void largeBodiesGoToAFileThatCloseDeletes() throws Exception {
        try (Spool spool = new Spool(1000, dir)) {
            byte[] sent = write(spool, 50_000, 333);
            assertThat(spool.spooled()).isTrue();
            assertThat(spool.size()).isEqualTo(50_000);
            assertThat(spool.source()).isInstanceOf(MessageSource.SpoolFile.class);
            assertThat(read(spool.source())).isEqualTo(sent);
            assertThat(Files.list(dir)).hasSize(1);
        }
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void storedSizeCountsEveryBareLfAsTwoBytesAcrossPieces() throws Exception {
        byte[] body = "a\nb\r\nc\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] next = "\nd\n\re".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Spool spool = new Spool(4, dir)) {
            for (byte[] piece : new byte[][] {body, next}) {
                ByteBuf b = Unpooled.wrappedBuffer(piece);
                try {
                    spool.write(b);
                } finally {
                    b.release();
                }
            }
            assertThat(spool.size()).isEqualTo(body.length + next.length);
            assertThat(spool.storedSize()).as("a\\n and d\\n are bare; c\\r|\\n is CRLF split in two").isEqualTo(spool.size() + 2);
        }
    }
}
