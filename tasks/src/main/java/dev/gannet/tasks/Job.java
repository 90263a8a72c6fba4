package dev.gannet.tasks;

import dev.gannet.core.node.NodeContext;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Function;

/**
 * A periodic maintenance job. Jobs are idempotent: running one twice, or on two nodes at once, does no
 * harm, so the lease that keeps them to one node per interval is an economy, not a safety net.
 *
 * @param name stable name, used for the lease and in logs
 * @param interval how often the job runs across all nodes
 * @param run runs the job once and emits a short summary for the log
 * @param atStart whether the node runs it at its first tick (cheap jobs and repairs) or only once an interval has
 *     passed (jobs that read the whole store, which a restart should not repeat)
 */
record Job(String name, Function<NodeContext, Duration> interval, Function<NodeContext, Mono<String>> run,
        boolean atStart) {

    Job(String name, Function<NodeContext, Duration> interval, Function<NodeContext, Mono<String>> run) {
        this(name, interval, run, true);
    }
}
