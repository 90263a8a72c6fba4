package dev.gannet.core.store;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deduplicated attachment blobs (GridFS-shaped {@code attachments.files}/{@code attachments.chunks}).
 * Blobs are written and referenced by ingest; this interface is for inspection and for the collector.
 */
public interface BlobStore {

    /** Empty if no such blob. */
    Mono<BlobInfo> info(BlobHash hash);

    Flux<BlobInfo> list();

    /**
     * Deletes blobs whose reference count is 0 and whose count last changed more than {@code grace} ago
     * (an ingest in flight increments before it writes the message, so it is never collected under it).
     * Emits the number of blobs deleted.
     */
    Mono<Long> collect(Duration grace);
}
