package dev.gannet.delivery.spam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.store.MessageSource;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One scan over rspamd's HTTP protocol (rspamd.com/doc/developers/protocol.html): {@code POST /checkv2} with the
 * message as the body and the envelope in rspamd's request headers ({@code Queue-Id}, {@code From}, one {@code Rcpt}
 * per recipient, {@code Deliver-To}, {@code IP}, {@code Helo}, {@code Hostname}, and {@code Password} for a
 * controller), answered by a JSON object whose {@code action}, {@code score}, {@code required_score} and
 * {@code symbols} make the {@link Verdict}. A spooled message is sent from its file, never read into the heap; the
 * answer is read up to {@link #ANSWER_LIMIT} bytes.
 */
public final class RspamdClient {

    static final int ANSWER_LIMIT = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What rspamd is told about the message beside its bytes; a null or empty value is not sent.
     *
     * @param ip the address the mail came from (the MTA's own {@code Received} field), or null
     */
    public record Request(String queueId, String from, List<String> recipients, String deliverTo, String ip, String helo,
            String hostname) {
        public Request {
            recipients = List.copyOf(recipients);
        }
    }

    /** rspamd's answer: the action it recommends, the score against the action threshold, the symbols that fired. */
    public record Verdict(String action, double score, double requiredScore, List<String> symbols) {
        public Verdict {
            symbols = List.copyOf(symbols);
        }
    }

    private final RspamdOptions options;
    private final HttpClient http;

    public RspamdClient(RspamdOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout()).build();
    }

    /** Scans {@code message}; errors with the transport's exception, or an IOException for an answer that is no verdict. */
    public Mono<Verdict> check(MessageSource message, Request request) {
        return Mono.defer(() -> {
            HttpRequest.Builder builder;
            try {
                builder = HttpRequest.newBuilder(options.checkUri()).timeout(options.timeout()).POST(body(message));
            } catch (FileNotFoundException e) {
                return Mono.error(e);
            }
            header(builder, "Queue-Id", request.queueId());
            header(builder, "From", request.from());
            request.recipients().forEach(r -> header(builder, "Rcpt", r));
            header(builder, "Deliver-To", request.deliverTo());
            header(builder, "IP", request.ip());
            header(builder, "Helo", request.helo());
            header(builder, "Hostname", request.hostname());
            header(builder, "Password", options.password());
            return Mono.fromFuture(() -> http.sendAsync(builder.build(), info -> new Bounded(ANSWER_LIMIT)))
                    .flatMap(response -> response.statusCode() == 200 ? Mono.fromCallable(() -> verdict(response.body()))
                            : Mono.error(new IOException("rspamd answered HTTP " + response.statusCode())));
        });
    }

    private static HttpRequest.BodyPublisher body(MessageSource message) throws FileNotFoundException {
        if (message instanceof MessageSource.SpoolFile f) {
            return HttpRequest.BodyPublishers.ofFile(f.path());
        }
        return HttpRequest.BodyPublishers.ofByteArray(((MessageSource.Bytes) message).bytes());
    }

    /**
     * Adds a header unless the value is empty. Values come from the MTA: controls are dropped, and non-ASCII text (an
     * SMTPUTF8 address) goes out as its UTF-8 octets, which is how rspamd reads it.
     */
    private static void header(HttpRequest.Builder builder, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        StringBuilder clean = new StringBuilder();
        for (char c : new String(value.strip().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1).toCharArray()) {
            if (c >= 0x20 && c != 0x7f && clean.length() < 1024) {
                clean.append(c);
            }
        }
        if (!clean.isEmpty()) {
            builder.header(name, clean.toString());
        }
    }

    /** Reads rspamd's JSON answer; an {@code error} answer or one without an action is not a verdict. */
    static Verdict verdict(byte[] answer) throws IOException {
        JsonNode root = JSON.readTree(answer);
        if (root == null || !root.isObject()) {
            throw new IOException("rspamd answer is not a JSON object");
        }
        if (root.hasNonNull("error")) {
            throw new IOException("rspamd could not scan the message");
        }
        JsonNode action = root.get("action");
        if (action == null || !action.isTextual() || action.asText().isBlank()) {
            throw new IOException("rspamd answer has no action");
        }
        List<String> symbols = new ArrayList<>();
        JsonNode named = root.path("symbols");
        for (Iterator<String> it = named.fieldNames(); it.hasNext(); ) {
            symbols.add(it.next());
        }
        return new Verdict(action.asText().strip().toLowerCase(java.util.Locale.ROOT), root.path("score").asDouble(0),
                root.path("required_score").asDouble(0), symbols);
    }

    /** Collects the answer body, failing once it exceeds {@code limit} bytes (memory is bounded before it is spent). */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        Bounded(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (out.size() + b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("rspamd answer longer than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
