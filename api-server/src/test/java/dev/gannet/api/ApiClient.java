package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpClient http() {
        return http;
    }
}
