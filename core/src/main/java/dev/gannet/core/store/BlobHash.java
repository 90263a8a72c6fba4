package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;

/** A content address: the lower-case hex SHA-256 of a blob's stored bytes. */
public record BlobHash(String hex) {
    public BlobHash {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw GannetException.invalid("blob hash must be 64 lower-case hex digits");
        }
    }
}
