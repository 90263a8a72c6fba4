package dev.gannet.api.messages;

import dev.gannet.core.store.Content;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Stored content as an InputStream for Jetty to copy to the client on its worker thread, a few buffers at
 * a time, so a large message is never held whole. Closing it (also when the client goes away) cancels the
 * store's stream.
 */
final class ContentStream extends InputStream {

    private final Stream<ByteBuffer> stream;
    private final Iterator<ByteBuffer> buffers;
    private ByteBuffer current = ByteBuffer.allocate(0);

    ContentStream(Content content) {
        this.stream = content.bytes().toStream(4);
        this.buffers = stream.iterator();
    }

    private boolean fill() {
        while (!current.hasRemaining()) {
            if (!buffers.hasNext()) {
                return false;
            }
            current = buffers.next().duplicate();
        }
        return true;
    }

    @Override
    public int read() {
        return fill() ? current.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        stream.close();
    }
}
