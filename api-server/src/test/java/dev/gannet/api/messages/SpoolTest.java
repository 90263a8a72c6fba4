package dev.gannet.api.messages;

import dev.gannet.api.ApiException;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GeneratedMail;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolTest {

    @Test
    void smallUploadsStayInMemory() {
        byte[] b = GeneratedMail.random(1, 1000);
        try (Spool s = Spool.read(new ByteArrayInputStream(b), -1, 10_000)) {
            assertThat(s.source()).isInstanceOf(MessageSource.Bytes.class);
            assertThat(s.source().read(0, 1000)).isEqualTo(b);
        }
    }

    @Test
    void largeUploadsGoToATemporaryFileThatCloseDeletes() throws Exception {
        for (int size : new int[] {256 * 1024, 256 * 1024 + 1, 700_001}) {
            byte[] b = GeneratedMail.random(size, size);
            Path file;
            try (Spool s = Spool.read(new ByteArrayInputStream(b), -1, 1_000_000)) {
                assertThat(s.source().size()).isEqualTo(size);
                try (var in = s.source().open()) {
                    assertThat(in.readAllBytes()).isEqualTo(b);
                }
                file = s.source() instanceof MessageSource.SpoolFile f ? f.path() : null;
            }
            if (size > 256 * 1024) {
                assertThat(file).isNotNull();
                assertThat(Files.exists(file)).isFalse();
            }
        }
    }

    @Test
    void beyondTheLimitIs413WhereverItIsSeen() {
        for (int size : new int[] {1001, 300_000}) {
            byte[] b = GeneratedMail.random(size, size);
            assertThatThrownBy(() -> Spool.read(new ByteArrayInputStream(b), -1, size - 1).close())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        }
        assertThatThrownBy(() -> Spool.read(new ByteArrayInputStream(new byte[0]), 5000, 4000))
                .isInstanceOf(ApiException.class);
    }
}
