package dev.gannet.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gannet.core.error.GannetException;

import java.io.IOException;

/**
 * The one place request bodies are read (STYLE.md: validation in one place). The mapper is strict: unknown
 * fields, wrong types (no coercion of {@code "5"} to 5 or 1 to true), duplicate keys and trailing data are
 * errors, and every error names the field it is about. Jackson's own messages never reach a client: they
 * quote internal class names.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** Parses a body into {@code type}; 400 with a message naming the offending field otherwise. */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field " + field(e));
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof GannetException.Invalid invalid) {
                throw ApiException.badRequest(invalid.getMessage());
            }
            throw ApiException.badRequest("field " + field(e) + " has an invalid value");
        } catch (MismatchedInputException e) {
            String f = field(e);
            throw ApiException.badRequest(f.isEmpty() ? "the body must be a JSON object" : "field " + f + " has the wrong type");
        } catch (JsonMappingException e) {
            throw ApiException.badRequest("field " + field(e) + " has an invalid value");
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                throw ApiException.badRequest("field " + msg.substring(msg.indexOf('\'')).replace("'", "") + " is given twice");
            }
            throw ApiException.badRequest("the body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
    }

    private static String field(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
