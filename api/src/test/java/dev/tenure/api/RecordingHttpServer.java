package dev.tenure.api;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free local port that records every request and answers what it is told to (200
 * "ok", as Slack does, unless answers were queued): the far end of outbound calls in tests.
 */
final class RecordingHttpServer implements AutoCloseable {

    /** What came in. */
    record Request(String method, String path, String contentType, String body) {
    }

    /** {@code retryAfter}: seconds for a Retry-After header, or null for none. */
    private record Answer(int status, String body, Long retryAfter) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
    }

    static RecordingHttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RecordingHttpServer recording = new RecordingHttpServer(server);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                recording.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            Answer answer = recording.next();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer.retryAfter()));
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return recording;
    }

    /** The next requests are answered with this, in the order queued; after them, 200 "ok". */
    synchronized RecordingHttpServer thenAnswer(int status, String body) {
        answers.add(new Answer(status, body, null));
        return this;
    }

    /** The next request is answered 429, asking to wait this long before trying again (as Slack's rate limit does). */
    synchronized RecordingHttpServer thenAskToWait(java.time.Duration wait) {
        answers.add(new Answer(429, "rate_limited", wait.toSeconds()));
        return this;
    }

    private synchronized Answer next() {
        Answer queued = answers.poll();
        return queued == null ? new Answer(200, "ok", null) : queued;
    }

    /** The address of a path on this server: http://localhost:port/path. */
    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
