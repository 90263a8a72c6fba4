package dev.gannet.api;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.UserId;
import io.javalin.http.Context;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One request as a handler sees it: the caller, typed access to path and query parameters and the body,
 * each failing with a 400 that names the parameter. Handlers run on Jetty's worker threads, which may
 * block, so store calls are awaited here with a bound instead of being chained into Jetty's async API.
 */
public final class Call {

    private static final Duration STORE_TIMEOUT = Duration.ofMinutes(2);

    private final Context ctx;
    private final Principal principal;
    private final ApiLimits limits;

    public Call(Context ctx, Principal principal, ApiLimits limits) {
        this.ctx = ctx;
        this.principal = principal;
        this.limits = limits;
    }

    public Context ctx() {
        return ctx;
    }

    public Principal principal() {
        return principal;
    }

    public ApiLimits limits() {
        return limits;
    }

    /** The {@code {user}} path parameter; an id that cannot exist is simply not found. */
    public UserId user() {
        String raw = ctx.pathParam("user");
        try {
            return new UserId(raw);
        } catch (GannetException.Invalid e) {
            throw ApiException.notFound("no such user");
        }
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, or null when absent or empty. */
    public String query(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public Boolean bool(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
                return Boolean.TRUE;
            case "false":
            case "0":
            case "no":
                return Boolean.FALSE;
            default:
                throw ApiException.badRequest("query parameter " + name + " must be true or false");
        }
    }

    public Long number(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw ApiException.badRequest("query parameter " + name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter " + name + " must be a whole number");
        }
    }

    /** The {@code limit} parameter, defaulting to 20 as in WildDuck, at most {@code api.maxPageSize}. */
    public int limit() {
        Long n = number("limit");
        if (n == null) {
            return Math.min(20, limits.maxPageSize());
        }
        if (n < 1 || n > limits.maxPageSize()) {
            throw ApiException.badRequest("query parameter limit must be 1.." + limits.maxPageSize());
        }
        return n.intValue();
    }

    /** The JSON body as {@code type}, read up to {@code api.maxBodyBytes}. */
    public <T> T body(Class<T> type) {
        return Json.read(bytes(limits.maxBodyBytes()), type);
    }

    /** The raw body, refused with 413 beyond {@code max} bytes, before more than that is read. */
    public byte[] bytes(long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw ApiException.tooLarge("the request body exceeds " + max + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
            if (b.length > max) {
                throw ApiException.tooLarge("the request body exceeds " + max + " bytes");
            }
            return b;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
    }

    /** Waits for a store call; an empty answer is a 404 with {@code what}. */
    public static <T> T await(Mono<T> mono, String what) {
        T value = mono.block(STORE_TIMEOUT);
        if (value == null) {
            throw ApiException.notFound(what);
        }
        return value;
    }

    /** Waits for a store call that answers nothing. */
    public static void run(Mono<?> mono) {
        mono.block(STORE_TIMEOUT);
    }

    /** Builds a core value from client input, turning its validation error into a 400 naming the field. */
    public static <T> T field(String name, Supplier<T> make) {
        try {
            return make.get();
        } catch (GannetException.Invalid e) {
            throw ApiException.badRequest(name + ": " + e.getMessage());
        }
    }
}
