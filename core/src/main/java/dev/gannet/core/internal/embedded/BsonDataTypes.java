package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the embedded store lays out its MVStore maps: documents as BSON, and index keys and document ids
 * as BSON values ordered by MongoDB's own comparison. The H2 backend's default is H2's generic object
 * type, which Java-serialises every document and, because an index key is not {@link Comparable},
 * compares two keys by serialising both: a profile of FETCH on 10,000 messages spent 37% of the store's
 * CPU in that comparison alone, and commits went mostly to serialisation.
 */
final class BsonDataTypes {

    /** BSON leaves 0x14-0x7E unassigned; this one marks a missing value (not the same as null). */
    private static final byte MISSING = 0x40;
    private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();

    private BsonDataTypes() {
    }

    /** Data-map values: whole documents. */
    static final class DocumentType extends BasicDataType<Document> {
        static final DocumentType INSTANCE = new DocumentType();

        @Override
        public int getMemory(Document d) {
            return 24 + estimate(d);
        }

        @Override
        public void write(WriteBuffer out, Document d) {
            ByteBuf buf = Unpooled.buffer(512);
            BsonEncoder.encodeDocument(d, buf);
            copy(buf, out);
        }

        @Override
        public Document read(ByteBuffer in) {
            int length = Integer.reverseBytes(in.getInt(in.position()));
            ByteBuf buf = Unpooled.wrappedBuffer(in.slice().limit(length));
            in.position(in.position() + length);
            return BsonDecoder.decodeBson(buf);
        }

        @Override
        public int compare(Document a, Document b) {
            return ORDER.compare(a, b);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** Data-map keys (a document's {@code _id}) and index-map values (the position an index points to). */
    static final class ValueType extends BasicDataType<Object> {
        static final ValueType INSTANCE = new ValueType();

        @Override
        public int getMemory(Object v) {
            return estimate(v);
        }

        @Override
        public void write(WriteBuffer out, Object v) {
            writeValues(out, new Object[] {v});
        }

        @Override
        public Object read(ByteBuffer in) {
            return readValues(in)[0];
        }

        @Override
        public int compare(Object a, Object b) {
            return compareValues(a, b);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** Index-map keys: a tuple of normalised field values. */
    static final class KeyValueType extends BasicDataType<KeyValue> {
        static final KeyValueType INSTANCE = new KeyValueType();

        @Override
        public int getMemory(KeyValue k) {
            int size = 24;
            for (Object v : k) {
                size += estimate(v);
            }
            return size;
        }

        @Override
        public void write(WriteBuffer out, KeyValue k) {
            writeValues(out, k.stream().toArray());
        }

        @Override
        public KeyValue read(ByteBuffer in) {
            return new KeyValue(readValues(in));
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int n = Math.min(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                int c = compareValues(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /**
     * MongoDB's order (1 and 1.0 are one key, as in a MongoDB unique index), with a missing value apart from
     * and before null.
     */
    private static int compareValues(Object a, Object b) {
        boolean missingA = a instanceof Missing;
        boolean missingB = b instanceof Missing;
        if (missingA || missingB) {
            return missingA == missingB ? 0 : missingA ? -1 : 1;
        }
        return ORDER.compare(a, b);
    }

    /** A count, then each value as its BSON type byte and BSON value. */
    private static void writeValues(WriteBuffer out, Object[] values) {
        ByteBuf buf = Unpooled.buffer(64);
        buf.writeByte(values.length);
        for (Object v : values) {
            if (v instanceof Missing) {
                buf.writeByte(MISSING);
            } else {
                byte type = BsonEncoder.determineType(v);
                buf.writeByte(type);
                BsonEncoder.encodeValue(type, v, buf);
            }
        }
        copy(buf, out);
    }

    /** Moves what was encoded into H2's buffer; the heap buffer holds no pooled memory, released all the same. */
    private static void copy(ByteBuf buf, WriteBuffer out) {
        try {
            out.put(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    private static Object[] readValues(ByteBuffer in) {
        ByteBuf buf = Unpooled.wrappedBuffer(in.slice());
        Object[] values = new Object[buf.readUnsignedByte()];
        for (int i = 0; i < values.length; i++) {
            byte type = buf.readByte();
            values[i] = type == MISSING ? Missing.getInstance() : BsonDecoder.decodeValue(type, buf);
        }
        in.position(in.position() + buf.readerIndex());
        return values;
    }

    /** A rough heap size for the page cache's accounting (H2 samples it, it need not be exact). */
    private static int estimate(Object v) {
        if (v == null || v instanceof Missing || v instanceof Boolean) {
            return 8;
        }
        if (v instanceof String s) {
            return 48 + s.length();
        }
        if (v instanceof byte[] b) {
            return 24 + b.length;
        }
        if (v instanceof Map<?, ?> m) {
            int size = 64;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                size += 40 + estimate(e.getKey()) + estimate(e.getValue());
            }
            return size;
        }
        if (v instanceof Collection<?> c) {
            int size = 40;
            for (Object o : c) {
                size += 8 + estimate(o);
            }
            return size;
        }
        return 32;
    }
}
