package dev.tenure.api.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bounds a request's body at the edge, the one way for every kind of request that has a limit of its own (webhooks,
 * the rest of the API): a body that says it is larger is refused before it is read, and one sent in chunks is cut
 * off where it passes the limit, so no caller can make Tenure hold an unbounded body in memory. Answered with a 413
 * problem naming the limit and its setting.
 */
public abstract class RequestBodyLimit extends OncePerRequestFilter {

    private final long limit;

    protected RequestBodyLimit(long limit) {
        this.limit = limit;
    }

    /** Whether this limit is the one for the request. */
    protected abstract boolean bounds(HttpServletRequest request);

    /** What the 413 says after the limit: the setting, and what to send instead. */
    protected abstract String advice();

    @Override
    protected final boolean shouldNotFilter(HttpServletRequest request) {
        return !bounds(request);
    }

    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            tooLarge(response);
            return;
        }
        Limited limited = new Limited(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!limited.exceeded() || response.isCommitted()) {
                throw e;
            }
            response.reset();
            tooLarge(response);
        }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // The advice is the filter's own constant text, never what the caller sent: nothing in it needs escaping.
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                + "\"detail\":\"" + detail() + "\"}");
    }

    /** What the 413 says. */
    protected String detail() {
        return "a request body may be at most " + limit + " bytes " + advice();
    }

    protected long limit() {
        return limit;
    }

    /** The request, whose body stops being readable past the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private boolean exceeded;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        boolean exceeded() {
            return exceeded;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > limit) {
                            exceeded = true;
                            throw new IOException("request body larger than " + limit + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
