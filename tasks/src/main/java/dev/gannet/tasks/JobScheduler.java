package dev.gannet.tasks;

import dev.gannet.core.coord.DistributedLock;
import dev.gannet.core.node.NodeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs each job at most once per interval across all nodes. Every node ticks; on each tick it tries to
 * take the job's lease for one interval, and only the node that gets it runs the job. The lease is not
 * released after the run but left to expire, which keeps other nodes off; the node that ran the job
 * keeps itself off by remembering when it did (taking a lease it already holds only extends it). If the
 * node dies mid-run, the lease expires and another node takes over.
 */
final class JobScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    private static final Duration TICK_JITTER = Duration.ofSeconds(5);

    private final NodeContext context;
    private final DistributedLock locks;
    private final String owner;
    private final Scheduler scheduler = Schedulers.newSingle("gannet-tasks", true);
    private final Disposable.Composite running = Disposables.composite();
    private final Map<String, Long> lastRun = new ConcurrentHashMap<>();

    JobScheduler(NodeContext context, DistributedLock locks, String owner) {
        this.context = context;
        this.locks = locks;
        this.owner = owner;
    }

    void start(List<Job> jobs) {
        for (Job job : jobs) {
            Duration interval = job.interval().apply(context);
            if (!job.atStart()) {
                lastRun.put(job.name(), System.nanoTime());
            }
            Duration tick = interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
            Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(
                    Math.max(1, Math.min(tick.toMillis(), TICK_JITTER.toMillis()))));
            running.add(Flux.interval(first, tick, scheduler)
                    .onBackpressureDrop()
                    .concatMap(t -> runOnce(job, interval), 1)
                    .subscribe());
            log.info("task {} scheduled every {}", job.name(), interval);
        }
    }

    /** Takes the job's lease for one interval and runs it if the lease was free. */
    Mono<Void> runOnce(Job job, Duration interval) {
        Long last = lastRun.get(job.name());
        if (last != null && System.nanoTime() - last < interval.toNanos()) {
            return Mono.empty();
        }
        return locks.tryAcquire("task:" + job.name(), owner, interval)
                .flatMap(lease -> lease.isEmpty() ? Mono.<Void>empty() : execute(job, interval))
                .onErrorResume(e -> {
                    log.warn("task {} could not take its lease: {}", job.name(), e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> execute(Job job, Duration interval) {
        long began = System.nanoTime();
        lastRun.put(job.name(), began);
        return Mono.defer(() -> job.run().apply(context))
                .timeout(interval)
                .doOnNext(summary -> log.info("task {}: {} in {} ms", job.name(), summary,
                        (System.nanoTime() - began) / 1_000_000))
                .doOnError(e -> log.warn("task {} failed: {}", job.name(), e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    @Override
    public void close() {
        running.dispose();
        scheduler.dispose();
    }
}
