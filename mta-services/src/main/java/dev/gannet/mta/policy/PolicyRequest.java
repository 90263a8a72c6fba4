package dev.gannet.mta.policy;

import java.util.Map;

/** What the {@link PolicyDecoder} makes of the bytes: one request's attributes, or a limit it broke. */
public sealed interface PolicyRequest {

    /** The {@code name=value} attributes up to the empty line; a repeated name keeps its last value. */
    record Attributes(Map<String, String> values) implements PolicyRequest {
        public Attributes {
            values = Map.copyOf(values);
        }

        public String get(String name) {
            return values.getOrDefault(name, "");
        }
    }

    /** A line too long, too many attributes or a line that is no attribute; nothing after it is read. */
    record Malformed(String reason) implements PolicyRequest {
    }
}
