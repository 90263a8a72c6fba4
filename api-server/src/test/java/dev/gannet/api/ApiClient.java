package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.testing.TestSecrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A small java.net.http client for the API tests: real sockets on loopback, JSON answers parsed. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern QUERY_TOKEN = java.util.regex.Pattern.compile("(?:^|&)accessToken=([^&]*)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    record Response(int status, byte[] bytes, HttpHeaders headers) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Response delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    Response post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Response put(String path, String token, String json) {
        return send("PUT", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Response send(String method, String path, String token, String contentType, byte[] body) {
        TestSecrets.register(token);
        if (body != null && contentType != null && contentType.startsWith("application/json")) {
            registerSecrets(body);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            b.header("X-Access-Token", token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b.build());
    }

    Response send(HttpRequest request) {
        try {
            request.headers().firstValue("X-Access-Token").ifPresent(TestSecrets::register);
            request.headers().firstValue("Authorization").map(v -> v.replaceFirst("(?i)^bearer\\s+", ""))
                    .ifPresent(TestSecrets::register);
            java.util.regex.Matcher query = QUERY_TOKEN.matcher(String.valueOf(request.uri().getRawQuery()));
            while (query.find()) {
                TestSecrets.register(java.net.URLDecoder.decode(query.group(1), StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            registerSecrets(r.body());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers with {@link TestSecrets} every secret-looking field of a JSON document sent or received
     * (passwords in requests, tokens and application passwords in answers), so the leak check after the
     * tests looks for them in the logs.
     */
    static void registerSecrets(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return; // not JSON: nothing to register
        }
        if (root != null) {
            registerSecrets(root);
        }
    }

    private static void registerSecrets(JsonNode node) {
        node.fields().forEachRemaining(e -> {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
            JsonNode v = e.getValue();
            if (v.isTextual() && (name.contains("password") || name.contains("token") || name.contains("secret")
                    || name.equals("seed") || name.equals("otpauth_url"))) {
                TestSecrets.register(v.asText());
            } else if (v.isContainerNode()) {
                registerSecrets(v);
            }
        });
        if (node.isArray()) {
            node.forEach(ApiClient::registerSecrets);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpClient http() {
        return http;
    }
}
