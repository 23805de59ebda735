package nl.publicaties.download.delivery.web;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
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
    /** A body of at least this many bytes is written corked; {@code Long.MAX_VALUE}: never. */
    private final long corkFrom;
    /** Pipelined requests held before the connection stops being read. */
    static final int MAX_QUEUED = 32;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    /** A request is being answered (its record may be waiting for the spool's fsync). */
    private boolean busy;
    /** {@link #pump} is running further up this thread's stack: it takes the next request, not a nested call. */
    private boolean pumping;
    /** An answer said {@code Connection: close}: nothing after it is processed (RFC 9112 §9.6). */
    private boolean closing;
    private Runnable idle = () -> {
    };

    DocumentHandler(DocumentDelivery delivery, ManagementRelay relay, DocumentServer.InFlight inFlight,
            long corkFrom) {
        super(false);
        this.delivery = delivery;
        this.relay = relay;
        this.inFlight = inFlight;
        this.corkFrom = corkFrom;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (closing) {
            request.release();
            return;
        }
        waiting.add(request);
        pump(ctx);
    }

    /**
     * Answers queued requests one at a time, in order, without recursion: an answer written at once returns
     * here and the loop takes the next. A client that pipelines more than {@link #MAX_QUEUED} requests behind
     * one that waits is not read from until the queue has drained.
     */
    private void pump(ChannelHandlerContext ctx) {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            FullHttpRequest next;
            while (!busy && !closing && (next = waiting.poll()) != null) {
                handle(ctx, next);
            }
        } finally {
            pumping = false;
        }
        if (closing) {
            releaseWaiting();
        } else if (!busy && waiting.isEmpty()) {
            idle.run();
        }
        boolean reading = ctx.channel().config().isAutoRead();
        if (reading && waiting.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        } else if (!reading && waiting.size() < MAX_QUEUED / 2 && !closing) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * A request is being answered or waits for its turn: an interim {@code 100 Continue} written now would
     * arrive ahead of an earlier request's answer ({@link DocumentServer.InOrderAggregator}).
     */
    boolean answering() {
        return busy || closing || !waiting.isEmpty();
    }

    /** {@code idle} runs whenever every request read so far has been answered (and the connection stays open). */
    void whenIdle(Runnable idle) {
        this.idle = idle;
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        inFlight.started();
        // after a request the codec could not read, where the next one starts is unknown; a body over the limit
        // is the exception (the aggregator drops the rest of it) unless the client waited for a 100 and may not
        // send that body at all
        boolean keepAlive = HttpUtil.isKeepAlive(request) && (request.decoderResult().isSuccess()
                || request.decoderResult().cause() instanceof TooLongHttpContentException
                && !request.headers().contains(HttpHeaderNames.EXPECT)) && !inFlight.draining();
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
                try {
                    ctx.executor().execute(() -> write(ctx, request, keepAlive, result, failure));
                } catch (RuntimeException rejected) { // the event loop has stopped: the connection is gone
                    request.release();
                    inFlight.finished();
                }
            }
        });
    }

    private CompletableFuture<DocumentDelivery.Answer> answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return CompletableFuture.completedFuture(unreadable(request, request.decoderResult().cause()));
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 || hosts.isEmpty() && !HttpVersion.HTTP_1_0.equals(request.protocolVersion())) {
            // RFC 9112 §3.2: which host a request is for must not be a guess
            return CompletableFuture.completedFuture(delivery.badRequest(request,
                    "A request names its host in exactly one Host header (RFC 9112 §3.2); this one has " + hosts.size() + "."));
        }
        String path = pathOf(request.uri());
        if (path == null) {
            return CompletableFuture.completedFuture(delivery.badRequest(request, "The request target is not a path."));
        }
        List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        String forwardedFor = forwarded.isEmpty() ? null : String.join(",", forwarded);
        if (DocumentDelivery.owns(path)) {
            return delivery.answer(request, path, ClientAddress.of(ctx.channel().remoteAddress(), forwardedFor));
        }
        return relay.forward(request, delivery, ctx.channel().remoteAddress(), forwardedFor);
    }

    /**
     * A request the codec could not take in: a request line or header section over the codec's limits (414,
     * 431), a body over the server's limit (413, from {@link DocumentServer.InOrderAggregator}),
     * anything else malformed (400).
     */
    private DocumentDelivery.Answer unreadable(FullHttpRequest request, Throwable cause) {
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongHttpContentException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        return delivery.problem(new DocumentDelivery.DocumentNotServable(status,
                "The request could not be read: " + cause.getMessage()), request, request.uri());
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
        ChannelFuture last = null;
        try {
            if (failure != null) {
                log.error("No answer to {} {}", request.method(), request.uri(), failure);
                answer = delivery.problem(new DocumentDelivery.DocumentNotServable(
                        HttpResponseStatus.INTERNAL_SERVER_ERROR, "The request could not be answered."), request,
                        request.uri());
            }
            HttpResponse head = answer.head();
            keepAlive = keepAlive && !inFlight.draining();
            keepAlive(head, request, keepAlive);
            if (head instanceof FullHttpResponse) {
                last = ctx.writeAndFlush(head);
            } else {
                boolean withBody = answer.file() != null && answer.count() > 0
                        && !HttpMethod.HEAD.equals(request.method());
                EpollSocketChannel corked = withBody && answer.count() >= corkFrom
                        && ctx.channel() instanceof EpollSocketChannel epoll ? cork(epoll) : null;
                ctx.write(head);
                if (withBody) {
                    DefaultFileRegion body = new DefaultFileRegion(answer.file().toFile(), answer.start(),
                            answer.count());
                    LongConsumer sent = answer.sent();
                    ctx.write(body).addListener(done -> sent.accept(body.transferred()));
                }
                last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (corked != null) {
                    last.addListener(done -> uncork(corked));
                }
            }
            if (!keepAlive) {
                closing = true;
                last.addListener(ChannelFutureListener.CLOSE);
            }
        } catch (RuntimeException | Error e) {
            log.error("Could not write the answer to {} {}; closing the connection", request.method(), request.uri(), e);
            closing = true;
            ctx.close();
        } finally {
            request.release();
            busy = false;
            // in flight until the body has gone out (or failed), so that a stopping server lets it finish
            if (last != null) {
                last.addListener(done -> inFlight.finished());
            } else {
                inFlight.finished();
            }
        }
        pump(ctx);
    }

    /**
     * Holds back partial segments ({@code TCP_CORK}) while a large answer is written: the header leaves with the
     * first part of the file instead of in a segment of its own, and the file in full segments. {@link #uncork}
     * pushes the rest once the whole body has been handed to the kernel; without it the kernel would hold the
     * tail for up to 200 ms.
     */
    private static EpollSocketChannel cork(EpollSocketChannel channel) {
        try {
            channel.config().setTcpCork(true);
            return channel;
        } catch (RuntimeException e) { // the connection is gone: nothing to hold back
            log.debug("Could not cork connection {}: {}", channel.id().asShortText(), e.toString());
            return null;
        }
    }

    private static void uncork(EpollSocketChannel channel) {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.config().setTcpCork(false);
        } catch (RuntimeException e) { // closed meanwhile
            log.debug("Could not uncork connection {}: {}", channel.id().asShortText(), e.toString());
        }
    }

    /**
     * {@code Connection: close} when this is the last answer; an HTTP/1.0 client that asked to keep the
     * connection is told it is kept (HTTP/1.1 answers persist without saying so).
     */
    private static void keepAlive(HttpResponse head, FullHttpRequest request, boolean keepAlive) {
        if (!keepAlive) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            head.headers().remove(HttpHeaderNames.CONNECTION);
        }
    }

    private void releaseWaiting() {
        FullHttpRequest left;
        while ((left = waiting.poll()) != null) {
            left.release();
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
        closing = true;
        releaseWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client that went away mid-download is normal traffic, not an error of this service
        // no client address in the log: it is personal data, and only the visitor key (a keyed hash) leaves the process
        log.debug("Connection {} closed: {}", ctx.channel().id().asShortText(), cause.toString());
        ctx.close();
    }
}
