package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rate-limit contract, run by every {@link RateLimiter}: counting, peeking, reset, window end. */
interface RateLimiterContract extends CoordinationNodes {

    RateLimit THREE_PER_MINUTE = new RateLimit(3, Duration.ofMinutes(1));

    private RateLimit.Result hit(Coordination node, String key, RateLimit limit) {
        return node.rateLimiter().hit(key, limit).block(Recorder.PATIENCE);
    }

    @Test
    default void countsAcrossNodesUpToTheLimitThenRefuses() {
        String key = unique("rl");
        assertThat(hit(node1(), key, THREE_PER_MINUTE)).isEqualTo(new RateLimit.Result(true, 1, 2, Duration.ZERO));
        assertThat(hit(node2(), key, THREE_PER_MINUTE)).isEqualTo(new RateLimit.Result(true, 2, 1, Duration.ZERO));
        assertThat(hit(node1(), key, THREE_PER_MINUTE)).isEqualTo(new RateLimit.Result(true, 3, 0, Duration.ZERO));

        RateLimit.Result refused = hit(node2(), key, THREE_PER_MINUTE);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.count()).isEqualTo(4);
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(hit(node1(), unique("rl"), THREE_PER_MINUTE).allowed()).as("other keys").isTrue();
    }

    @Test
    default void takeCountsSeveralOnlyWhenAllFit() {
        String key = unique("rl");
        RateLimit five = new RateLimit(5, Duration.ofMinutes(1));
        RateLimit.Result first = node1().rateLimiter().take(key, 3, five).block(Recorder.PATIENCE);
        assertThat(first).isEqualTo(new RateLimit.Result(true, 3, 2, Duration.ZERO));
        RateLimit.Result refused = node2().rateLimiter().take(key, 3, five).block(Recorder.PATIENCE);
        assertThat(refused.allowed()).as("3 more do not fit in 2").isFalse();
        assertThat(refused.count()).as("a refused take counts nothing").isEqualTo(3);
        assertThat(refused.retryAfter()).isPositive();
        assertThat(node2().rateLimiter().take(key, 2, five).block(Recorder.PATIENCE).allowed()).isTrue();
        assertThat(node1().rateLimiter().take(key, 1, five).block(Recorder.PATIENCE).allowed()).isFalse();
        assertThat(node1().rateLimiter().take(unique("rl"), 6, five).block(Recorder.PATIENCE).allowed())
                .as("more than the limit at once never fits").isFalse();
    }

    @Test
    default void racingTakesNeverCountPastTheLimit() {
        for (int round = 0; round < 5; round++) {
            String key = unique("rl");
            RateLimit ten = new RateLimit(10, Duration.ofMinutes(1));
            java.util.List<RateLimit.Result> results = reactor.core.publisher.Flux.range(0, 12)
                    .flatMap(i -> (i % 2 == 0 ? node1() : node2()).rateLimiter().take(key, 3, ten)
                            .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))
                    .collectList().block(Recorder.PATIENCE);
            assertThat(results.stream().filter(RateLimit.Result::allowed).count()).as("3 of 3 recipients fit in 10").isEqualTo(3);
            assertThat(node1().rateLimiter().peek(key, ten).block(Recorder.PATIENCE).count()).isEqualTo(9);
        }
    }

    @Test
    default void peekDoesNotCount() {
        String key = unique("rl");
        assertThat(node1().rateLimiter().peek(key, THREE_PER_MINUTE).block(Recorder.PATIENCE))
                .isEqualTo(new RateLimit.Result(true, 0, 3, Duration.ZERO));
        hit(node1(), key, THREE_PER_MINUTE);
        node2().rateLimiter().peek(key, THREE_PER_MINUTE).block(Recorder.PATIENCE);
        assertThat(node2().rateLimiter().peek(key, THREE_PER_MINUTE).block(Recorder.PATIENCE).count()).isEqualTo(1);
    }

    @Test
    default void peekTellsWhetherTheNextHitWouldBeAllowed() {
        String key = unique("rl");
        RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
        hit(node1(), key, two);
        assertThat(node2().rateLimiter().peek(key, two).block(Recorder.PATIENCE))
                .isEqualTo(new RateLimit.Result(true, 1, 1, Duration.ZERO));
        assertThat(hit(node1(), key, two).allowed()).as("the last allowed hit").isTrue();
        RateLimit.Result look = node2().rateLimiter().peek(key, two).block(Recorder.PATIENCE);
        assertThat(look.allowed()).isFalse();
        assertThat(look.remaining()).isZero();
        assertThat(look.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    default void resetClearsTheCount() {
        String key = unique("rl");
        RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            hit(node1(), key, two);
        }
        node2().rateLimiter().reset(key).block(Recorder.PATIENCE);
        assertThat(hit(node1(), key, two)).isEqualTo(new RateLimit.Result(true, 1, 1, Duration.ZERO));
    }

    @Test
    default void countStartsAgainWhenTheWindowEnds() {
        String key = unique("rl");
        RateLimit onePerShortWindow = new RateLimit(1, Duration.ofMillis(300));
        assertThat(hit(node1(), key, onePerShortWindow).allowed()).isTrue();
        RateLimit.Result refused = hit(node2(), key, onePerShortWindow);
        if (!refused.allowed()) { // on a very slow machine the window may already have ended
            assertThat(refused.retryAfter()).isLessThanOrEqualTo(Duration.ofMillis(300));
        }
        Recorder.eventually(() -> node1().rateLimiter().peek(key, onePerShortWindow).block(Recorder.PATIENCE).count() == 0,
                "the window to end");
        assertThat(hit(node2(), key, onePerShortWindow).count()).isEqualTo(1);
    }
}
