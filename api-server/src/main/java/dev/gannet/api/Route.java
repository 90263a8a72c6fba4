package dev.gannet.api;

import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One REST route and what the OpenAPI document says of it: method, Javalin path, who may call it, its
 * query parameters, request and response bodies (records, described by their components) and success
 * status. The route table registers exactly these routes with Javalin and builds {@code /openapi.json}
 * from them, so the two cannot drift apart.
 */
public record Route(HandlerType method, String path, Access access, String tag, String summary,
        List<Param> query, Class<?> requestBody, String requestMediaType, Class<?> responseBody,
        String responseMediaType, int status, boolean beforeSecondFactor, boolean anyScope, ApiHandler handler) {

    /** A query parameter: name, OpenAPI type ({@code string}, {@code integer}, {@code boolean}), meaning. */
    public record Param(String name, String type, String description) {
    }

    public Route {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        Objects.requireNonNull(access);
        query = List.copyOf(query);
        Objects.requireNonNull(handler);
    }

    public static Builder get(String path) {
        return new Builder(HandlerType.GET, path);
    }

    public static Builder post(String path) {
        return new Builder(HandlerType.POST, path);
    }

    public static Builder put(String path) {
        return new Builder(HandlerType.PUT, path);
    }

    public static Builder delete(String path) {
        return new Builder(HandlerType.DELETE, path);
    }

    /** Path parameter names in order, from {@code {name}} segments. */
    public List<String> pathParams() {
        List<String> out = new ArrayList<>();
        for (String seg : path.split("/")) {
            if (seg.startsWith("{") && seg.endsWith("}")) {
                out.add(seg.substring(1, seg.length() - 1));
            }
        }
        return out;
    }

    /** Collects a route's description fluently; {@link #handle} finishes it. */
    public static final class Builder {
        private final HandlerType method;
        private final String path;
        private Access access = Access.OWNER;
        private String tag = "";
        private String summary = "";
        private final List<Param> query = new ArrayList<>();
        private Class<?> requestBody;
        private String requestMediaType = "application/json";
        private Class<?> responseBody;
        private String responseMediaType = "application/json";
        private int status = 200;
        private boolean beforeSecondFactor;
        private boolean anyScope;

        private Builder(HandlerType method, String path) {
            this.method = method;
            this.path = path;
        }

        public Builder access(Access a) {
            this.access = a;
            return this;
        }

        public Builder doc(String tag, String summary) {
            this.tag = tag;
            this.summary = summary;
            return this;
        }

        public Builder query(String name, String type, String description) {
            query.add(new Param(name, type, description));
            return this;
        }

        public Builder body(Class<?> type) {
            this.requestBody = type;
            return this;
        }

        public Builder rawBody(String mediaType) {
            this.requestBody = byte[].class;
            this.requestMediaType = mediaType;
            return this;
        }

        public Builder returns(Class<?> type) {
            this.responseBody = type;
            return this;
        }

        public Builder returnsRaw(String mediaType) {
            this.responseBody = byte[].class;
            this.responseMediaType = mediaType;
            return this;
        }

        public Builder status(int s) {
            this.status = s;
            return this;
        }

        /**
         * The route takes a user token that still waits for its second factor (the second-factor checks and the
         * routes a client needs to offer them); every other route refuses such a token with 403.
         */
        public Builder beforeSecondFactor() {
            this.beforeSecondFactor = true;
            return this;
        }

        /**
         * The route takes a user token of any scope; every other route needs scope {@code master} (a token for
         * {@code imap}, {@code pop3} or {@code smtp} only proves credentials for that service).
         */
        public Builder anyScope() {
            this.anyScope = true;
            return this;
        }

        public Route handle(ApiHandler handler) {
            return new Route(method, path, access, tag, summary, query, requestBody, requestMediaType,
                    responseBody, responseMediaType, status, beforeSecondFactor, anyScope, handler);
        }
    }
}
