package dev.gannet.core.node;

import java.util.List;

/**
 * What {@code GET /health} reports: whether the store and the coordination backend answer, which roles
 * this node runs, and the version.
 *
 * @param store the MongoDB store (embedded or remote)
 * @param coordination in-JVM or Redis
 */
public record HealthReport(boolean healthy, Component store, Component coordination, List<String> roles,
        String version, long uptimeSeconds) {

    /** One dependency: its kind ("embedded", "mongodb", "in-jvm", "redis"), whether it answered, and why not. */
    public record Component(String kind, boolean reachable, String error, long latencyMillis) {
    }
}
