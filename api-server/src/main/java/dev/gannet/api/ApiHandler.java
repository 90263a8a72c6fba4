package dev.gannet.api;

/**
 * A route's handler: returns the JSON answer (a record), or null when it wrote the response itself
 * (downloads, SSE). Exceptions go to {@link ApiErrors}.
 */
@FunctionalInterface
public interface ApiHandler {
    Object handle(Call call) throws Exception;
}
