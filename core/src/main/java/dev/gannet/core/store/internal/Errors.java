package dev.gannet.core.store.internal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import dev.gannet.core.error.GannetException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one place where driver and network failures become {@link GannetException}s: anything the database
 * or the connection throws is UNAVAILABLE (the protocols answer a temporary failure and the client
 * retries). Duplicate keys are recognised here too, so callers can turn them into ALREADY_EXISTS or retry.
 */
final class Errors {

    private Errors() {
    }

    static Throwable map(Throwable t) {
        if (t instanceof GannetException) {
            return t;
        }
        if (t instanceof MongoException || t instanceof TimeoutException || t instanceof IOException
                || t instanceof java.io.UncheckedIOException) {
            return GannetException.unavailable("storage failure: " + t.getClass().getSimpleName(), t);
        }
        return t;
    }

    static <T> Mono<T> guard(Mono<T> mono) {
        return mono.onErrorMap(Errors::map);
    }

    static <T> Flux<T> guard(Flux<T> flux) {
        return flux.onErrorMap(Errors::map);
    }

    static boolean isDuplicateKey(Throwable t) {
        if (t instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (t instanceof MongoBulkWriteException b) {
            return b.getWriteErrors().stream().anyMatch(e -> e.getCode() == 11000);
        }
        return t instanceof MongoException m && m.getCode() == 11000;
    }
}
