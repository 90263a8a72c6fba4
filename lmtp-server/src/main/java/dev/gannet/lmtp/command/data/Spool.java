package dev.gannet.lmtp.command.data;

import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.store.MessageSource;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Collects a message body as it arrives (DATA, or the BDAT chunks of RFC 3030): on the heap while it is
 * small, in a temporary file once it passes the threshold, so a large message never sits in memory. The
 * size limit is checked by the caller before bytes are written, and again on {@link #storedSize()}, the size
 * the store will give the body once its bare LFs are CRLF. {@link #close()} deletes the file.
 */
public final class Spool implements AutoCloseable {

    private final long threshold;
    private final Path dir;
    private byte[] heap = new byte[0];
    private long size;
    private final LineEndings.Counter lineEndings = new LineEndings.Counter();
    private Path file;
    private FileChannel channel;

    public Spool(long threshold, Path dir) {
        this.threshold = threshold;
        this.dir = dir;
    }

    /** Appends the readable bytes of {@code buf} (which stays owned by the caller). */
    public void write(ByteBuf buf) throws IOException {
        int len = buf.readableBytes();
        for (ByteBuffer b : buf.nioBuffers()) {
            lineEndings.update(b);
        }
        if (channel == null && size + len > threshold) {
            toFile();
        }
        if (channel != null) {
            int written = 0;
            while (written < len) {
                written += buf.getBytes(buf.readerIndex() + written, channel, size + written, len - written);
            }
        } else {
            if (size + len > heap.length) {
                heap = Arrays.copyOf(heap, (int) Math.min(threshold, Math.max(size + len, heap.length * 2L + 256)));
            }
            buf.getBytes(buf.readerIndex(), heap, (int) size, len);
        }
        size += len;
    }

    private void toFile() throws IOException {
        Files.createDirectories(dir);
        file = Files.createTempFile(dir, "body-", ".eml");
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(heap, 0, (int) size), 0);
        heap = null;
    }

    public long size() {
        return size;
    }

    /** The size once stored: every bare LF becomes CRLF (docs/store.md "Line endings"). */
    public long storedSize() {
        return size + lineEndings.bareLineFeeds();
    }

    /** True once the body went to a file. */
    public boolean spooled() {
        return file != null;
    }

    /** The collected bytes as the store takes them; the file stays valid until {@link #close()}. */
    public MessageSource source() throws IOException {
        if (channel != null) {
            channel.force(false);
            return MessageSource.of(file);
        }
        return MessageSource.of(size == heap.length ? heap : Arrays.copyOf(heap, (int) size));
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover spool file is removed at the next start
        } finally {
            heap = null;
            channel = null;
        }
    }
}
