package dev.gannet.api;

import dev.gannet.core.error.GannetException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API answers is JSON, {@code {"error": "...", "code": "..."}}; no stack trace or
 * internal message ever reaches a client. This is the API's one mapper from {@link GannetException} codes
 * to HTTP statuses (STYLE.md habit 7); errors the API decides itself are {@link ApiException}s.
 */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void register(JavalinConfig cfg) {
        cfg.routes.exception(ApiException.class, (e, ctx) ->
                ctx.status(e.status()).json(new ErrorBody(e.getMessage(), e.code())));
        cfg.routes.exception(GannetException.class, (e, ctx) -> {
            Mapped m = map(e);
            if (m.status >= 500) {
                log.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            }
            ctx.status(m.status).json(new ErrorBody(m.message, m.code));
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            ErrorBody body;
            switch (status) {
                case 404:
                    body = new ErrorBody("no such resource", "NotFound");
                    break;
                case 405:
                    body = new ErrorBody("method not allowed", "MethodNotAllowed");
                    break;
                case 413:
                    body = new ErrorBody("the request body is too large", "TooBig");
                    break;
                default:
                    body = status >= 500 ? new ErrorBody("internal error", "InternalError")
                            : new ErrorBody("bad request", "BadRequest");
                    break;
            }
            ctx.status(status).json(body);
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ErrorBody("internal error", "InternalError"));
        });
        cfg.routes.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
                ctx.json(new ErrorBody("no such resource", "NotFound"));
            }
        });
        cfg.routes.error(405, ctx -> ctx.json(new ErrorBody("method not allowed", "MethodNotAllowed")));
    }

    private record Mapped(int status, String code, String message) {
    }

    /** Status and client message by code; only Invalid and Rejected carry text meant for the client. */
    private static Mapped map(GannetException e) {
        switch (e.code()) {
            case NOT_FOUND:
                return new Mapped(404, "NotFound", "no such resource");
            case ALREADY_EXISTS:
                return new Mapped(409, "AlreadyExists", "it already exists");
            case OVER_QUOTA:
                return new Mapped(507, "OverQuota", "the user's storage quota would be exceeded");
            case TOO_BIG:
                return new Mapped(413, "TooBig", "the message is larger than allowed");
            case UNAVAILABLE:
                return new Mapped(503, "Unavailable", "storage is unavailable, try again later");
            case REJECTED:
                return new Mapped(422, "Rejected", ((GannetException.Rejected) e).reason());
            case INVALID:
                return new Mapped(400, "InputValidationError", e.getMessage());
            case CONFLICT:
                return new Mapped(409, "Conflict", "a concurrent change won, try again");
            case AUTH_FAILED:
                return new Mapped(401, "AuthFailed", "authentication failed");
            default:
                return new Mapped(500, "InternalError", "internal error");
        }
    }
}
