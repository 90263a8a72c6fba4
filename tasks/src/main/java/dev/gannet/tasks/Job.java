package dev.gannet.tasks;

import dev.gannet.core.node.NodeContext;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * A periodic maintenance job. Jobs are idempotent: running one twice, or on two nodes at once, does no
 * harm, so the lease that keeps them to one node per interval is an economy, not a safety net.
 */
interface Job {

    /** Stable name, used for the lease and in logs. */
    String name();

    /** How often the job runs across all nodes. */
    Duration interval(NodeContext context);

    /** Runs once; emits a short summary for the log. */
    Mono<String> run(NodeContext context);
}
