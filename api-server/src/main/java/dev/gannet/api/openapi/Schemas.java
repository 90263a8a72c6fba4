package dev.gannet.api.openapi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JSON schemas of the request and response records, derived from their components the way Jackson
 * serialises them. A record becomes a named schema under {@code components/schemas}; names that clash
 * are qualified with the enclosing class.
 */
final class Schemas {

    private final Map<String, Object> definitions = new TreeMap<>();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();

    Map<String, Object> definitions() {
        return definitions;
    }

    Map<String, Object> of(Type type) {
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", of(args[0]));
            }
            if (Optional.class.equals(raw)) {
                return of(args[0]);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", of(args[1]));
            }
            return of(raw);
        }
        Class<?> c = (Class<?>) type;
        if (c == byte[].class) {
            return Map.of("type", "string", "format", "binary");
        }
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == int.class || c == Integer.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (c == double.class || c == Double.class) {
            return Map.of("type", "number");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum", List.of(c.getEnumConstants()).stream().map(Object::toString).toList());
        }
        if (c.isRecord()) {
            return Map.of("$ref", "#/components/schemas/" + define(c));
        }
        if (c == Object.class) {
            // a field of more than one shape (require2fa: false or a list): any JSON value
            return Map.of();
        }
        return Map.of("type", "object");
    }

    private String define(Class<?> c) {
        String existing = names.get(c);
        if (existing != null) {
            return existing;
        }
        String name = c.getSimpleName();
        if (names.containsValue(name) && c.getEnclosingClass() != null) {
            name = c.getEnclosingClass().getSimpleName() + name;
        }
        names.put(c, name);
        Map<String, Object> props = new LinkedHashMap<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            props.put(rc.getName(), of(rc.getGenericType()));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        schema.put("additionalProperties", false);
        definitions.put(name, schema);
        return name;
    }
}
