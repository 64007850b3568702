package dev.meshhook.admission;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * Reads a webhook request body with Istio's 6 MiB cap straight from the Vert.x request stream, so an oversized
 * body gets Istio's 400 answer (never a framework 413, never buffered beyond the cap), runs the endpoint on a
 * worker thread and writes its {@link HttpAnswer}. Any HTTP method is accepted, as Istio's mux does.
 */
final class WebhookRoutes {

    private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);

    /** An endpoint: path, Content-Type header (null when absent) and body → answer. */
    interface Endpoint {
        HttpAnswer handle(String path, String contentType, RequestBody body);
    }

    private WebhookRoutes() {}

    static void serve(RoutingContext ctx, Endpoint endpoint, Function<Throwable, HttpAnswer> onCrash) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        String contentType = request.getHeader("Content-Type");
        long declared = declaredLength(request.getHeader("Content-Length"));
        if (declared > RequestBody.LIMIT) {
            // Known too large from the header alone: answer at once (also skips any 100-continue) and discard the rest.
            request.handler(chunk -> { });
            request.resume();
            dispatch(ctx, endpoint, onCrash, path, contentType, RequestBody.overLimit());
            return;
        }
        if (request.isEnded()) {
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            dispatch(ctx, endpoint, onCrash, path, contentType,
                    RequestBody.of(body == null ? new byte[0] : body.getBytes()));
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        Buffer body = Buffer.buffer(declared > 0 ? (int) declared : 4096);
        boolean[] overLimit = {false};
        request.handler(chunk -> {
            if (overLimit[0]) {
                return;
            }
            if (body.length() + chunk.length() > RequestBody.LIMIT) {
                overLimit[0] = true;
                dispatch(ctx, endpoint, onCrash, path, contentType, RequestBody.overLimit());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(done -> {
            if (!overLimit[0]) {
                dispatch(ctx, endpoint, onCrash, path, contentType, RequestBody.of(body.getBytes()));
            }
        });
        request.exceptionHandler(error -> {
            if (!overLimit[0] && !request.response().ended()) {
                overLimit[0] = true;
                LOG.debugf("reading %s failed: %s", path, error);
                write(request.response(), HttpAnswer.plainError(400, String.valueOf(error.getMessage())));
            }
        });
        request.resume();
    }

    private static void dispatch(RoutingContext ctx, Endpoint endpoint, Function<Throwable, HttpAnswer> onCrash,
                                 String path, String contentType, RequestBody body) {
        ctx.vertx().executeBlocking(() -> endpoint.handle(path, contentType, body), false)
                .onComplete(result -> {
                    HttpAnswer answer = result.succeeded() ? result.result() : onCrash.apply(result.cause());
                    write(ctx.response(), answer);
                });
    }

    private static void write(HttpServerResponse response, HttpAnswer answer) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        response.putHeader("Content-Type", answer.contentType());
        if (answer.nosniff()) {
            response.putHeader("X-Content-Type-Options", "nosniff");
        }
        response.end(Buffer.buffer(answer.body()));
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
