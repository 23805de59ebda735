package nl.publicaties.download.delivery.web;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: takes its requests in order (a pipelining client gets its answers in the order it asked),
 * lets {@link DocumentDelivery} answer {@code /documents/**} and the {@link ManagementRelay} everything else,
 * and writes each answer on the connection's event loop. A file body is a {@link DefaultFileRegion}: the
 * kernel copies it from the page cache to the socket (sendfile), nothing of it passes through the heap.
 */
final class DocumentHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(DocumentHandler.class);

    private final DocumentDelivery delivery;
    private final ManagementRelay relay;
    private final DocumentServer.InFlight inFlight;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    DocumentHandler(DocumentDelivery delivery, ManagementRelay relay, DocumentServer.InFlight inFlight) {
        super(false);
        this.delivery = delivery;
        this.relay = relay;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            waiting.add(request);
        } else {
            handle(ctx, request);
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        inFlight.started();
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !request.decoderResult().isFailure();
        CompletableFuture<DocumentDelivery.Answer> answer;
        try {
            answer = answer(ctx, request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((result, failure) -> {
            if (ctx.executor().inEventLoop()) {
                write(ctx, request, keepAlive, result, failure);
            } else {
                ctx.executor().execute(() -> write(ctx, request, keepAlive, result, failure));
            }
        });
    }

    private CompletableFuture<DocumentDelivery.Answer> answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return CompletableFuture.completedFuture(delivery.badRequest(request, "The request could not be read: "
                    + request.decoderResult().cause().getMessage()));
        }
        String path = pathOf(request.uri());
        if (path == null) {
            return CompletableFuture.completedFuture(delivery.badRequest(request, "The request target is not a path."));
        }
        if (DocumentDelivery.owns(path)) {
            return delivery.answer(request, path, ClientAddress.of(ctx.channel().remoteAddress(),
                    request.headers().get("X-Forwarded-For")));
        }
        return relay.forward(request, delivery);
    }

    /** The raw (still percent-encoded) path of an origin-form or absolute-form request target. */
    static String pathOf(String target) {
        if (target.startsWith("/")) {
            int query = target.indexOf('?');
            int fragment = target.indexOf('#');
            int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
            return end < 0 ? target : target.substring(0, end);
        }
        try {
            URI absolute = URI.create(target);
            return absolute.isAbsolute() && absolute.getRawPath() != null && absolute.getRawPath().startsWith("/")
                    ? absolute.getRawPath() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void write(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive,
            DocumentDelivery.Answer answer, Throwable failure) {
        try {
            if (failure != null) {
                log.error("No answer to {} {}", request.method(), request.uri(), failure);
                answer = delivery.problem(new DocumentDelivery.DocumentNotServable(
                        HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "The request could not be answered."), request, request.uri());
            }
            HttpResponse head = answer.head();
            HttpUtil.setKeepAlive(head, keepAlive);
            ChannelFuture last;
            if (head instanceof FullHttpResponse) {
                last = ctx.writeAndFlush(head);
            } else {
                ctx.write(head);
                if (answer.file() != null && answer.count() > 0 && !HttpMethod.HEAD.equals(request.method())) {
                    ctx.write(new DefaultFileRegion(answer.file().toFile(), answer.start(), answer.count()));
                    answer.sent().run();
                }
                last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            request.release();
            inFlight.finished();
            busy = false;
        }
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            handle(ctx, next);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && !busy) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        FullHttpRequest left;
        while ((left = waiting.poll()) != null) {
            left.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client that went away mid-download is normal traffic, not an error of this service
        log.debug("Connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
