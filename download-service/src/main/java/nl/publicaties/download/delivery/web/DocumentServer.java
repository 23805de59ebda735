package nl.publicaties.download.delivery.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The public HTTP server of this service: Netty, with the native epoll transport where it loads (sendfile,
 * edge-triggered) and NIO elsewhere. A download costs a request parse, a map look-up, the spool append and a
 * sendfile; on two cores a servlet container's per-request work was several times that (see
 * {@code bench/download/README.md}). Stops before the management server and lets requests in flight finish.
 */
public final class DocumentServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DocumentServer.class);
    /** A request that is not a download (relayed) has at most this body; larger ones get 413. */
    private static final int MAX_REQUEST_BODY = 64 * 1024;

    private final String address;
    private final int port;
    private final int ioThreads;
    private final Duration idleTimeout;
    private final Duration shutdownTimeout;
    private final long corkFrom;
    private final DocumentDelivery delivery;
    private final ManagementRelay relay;
    private final IntConsumer bound;
    private final InFlight inFlight = new InFlight();
    private EventLoopGroup group;
    private Channel server;
    private volatile boolean running;

    /**
     * @param port  0 for any free port; the port bound is handed to {@code bound}
     * @param ioThreads 0 for Netty's default (two per core)
     * @param corkFrom  bodies of at least this many bytes are written corked (epoll only; see {@link DocumentHandler})
     */
    public DocumentServer(String address, int port, int ioThreads, Duration idleTimeout, Duration shutdownTimeout,
            long corkFrom, DocumentDelivery delivery, ManagementRelay relay, IntConsumer bound) {
        this.address = address;
        this.port = port;
        this.ioThreads = ioThreads;
        this.idleTimeout = idleTimeout;
        this.shutdownTimeout = shutdownTimeout;
        this.corkFrom = corkFrom;
        this.delivery = delivery;
        this.relay = relay;
        this.bound = bound;
    }

    /** Requests taken and not yet answered, over all connections. */
    static final class InFlight {
        private final AtomicInteger count = new AtomicInteger();
        private volatile boolean draining;

        /** The server is stopping: answers close their connections. */
        boolean draining() {
            return draining;
        }

        void started() {
            count.incrementAndGet();
        }

        void finished() {
            count.decrementAndGet();
        }

        int count() {
            return count.get();
        }
    }

    @Override
    public void start() {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        // 0: Netty's default, two per core, which measured better than one per core (bench/download/README.md)
        group = new MultiThreadIoEventLoopGroup(ioThreads, io);
        int threads = ((MultiThreadIoEventLoopGroup) group).executorCount();
        long idleMillis = idleTimeout.toMillis();
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DocumentHandler handler = new DocumentHandler(delivery, relay, inFlight, corkFrom);
                        ch.pipeline().addLast(
                                new IdleStateHandler(true, 0, 0, idleMillis, TimeUnit.MILLISECONDS),
                                new HttpServerCodec(),
                                new InOrderAggregator(MAX_REQUEST_BODY, handler),
                                handler);
                    }
                });
        try {
            server = bootstrap.bind(new InetSocketAddress(address, port)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("Cannot listen on " + address + ":" + port + ": " + e.getMessage(), e);
        }
        int actual = ((InetSocketAddress) server.localAddress()).getPort();
        bound.accept(actual);
        running = true;
        log.info("Serving documents on {}:{} ({} transport, {} I/O threads)", address, actual,
                epoll ? "epoll" : "NIO", threads);
    }

    @Override
    public void stop() {
        running = false;
        inFlight.draining = true;
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (inFlight.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.count() > 0) {
            log.warn("{} requests still unanswered after {}; closing their connections", inFlight.count(),
                    shutdownTimeout);
        }
        if (group != null) {
            // lets bodies already handed to the kernel go out; keep-alive connections are closed
            group.shutdownGracefully(100, shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }

    /**
     * Aggregates a request's body (only relayed requests have one) and keeps every answer in request order, so a
     * pipelining client never takes one request's answer for another's:
     * <ul>
     * <li>{@code Expect: 100-continue} gets its interim {@code 100} as soon as no earlier request on the connection
     * is still being answered: at once on an idle connection (RFC 9110 §10.1.1), else when the earlier answers are
     * written (unless the body has arrived by then). It is written as bytes past the codec's encoder, which would
     * otherwise count it as the answer to a request and frame the next answers by the wrong request's method.
     * Other expectations are ignored (no 417: Netty's refusal also resets the decoder, which would then read the
     * body as requests).</li>
     * <li>A body over the limit is not answered here (Netty's default writes a bare 413 at once, ahead of earlier
     * answers): the request goes on to {@link DocumentHandler} as unreadable, which answers 413 in its turn, as
     * problem details. The rest of that body is read and dropped; the connection stays open unless the request
     * asked for a {@code 100}, as then nobody knows whether its body will follow. A request the decoder already
     * failed keeps its own failure (400, 431), even when it also declares a long body.</li>
     * </ul>
     */
    static final class InOrderAggregator extends HttpObjectAggregator {
        private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        private final DocumentHandler handler;
        /** The request being aggregated asked for a {@code 100} that earlier answers held back. */
        private boolean continueOwed;

        InOrderAggregator(int maxContentLength, DocumentHandler handler) {
            super(maxContentLength);
            this.handler = handler;
            handler.whenIdle(this::sendOwedContinue);
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            continueOwed = HttpUtil.is100ContinueExpected(start) && !isContentLengthInvalid(start, maxContentLength)
                    && start.decoderResult().isSuccess();
            if (continueOwed && !handler.answering()) {
                sendOwedContinue();
            }
            return null;
        }

        private void sendOwedContinue() {
            if (continueOwed) {
                continueOwed = false;
                ChannelHandlerContext codec = ctx().pipeline().context(HttpServerCodec.class);
                (codec != null ? codec : ctx()).writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
            }
        }

        @Override
        protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
            continueOwed = false; // the body is here: a 100 now would only be noise
            super.finishAggregation(aggregated);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            continueOwed = false;
            if (!(oversized instanceof HttpRequest request)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            DefaultFullHttpRequest tooLarge = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                    request.uri(), Unpooled.EMPTY_BUFFER);
            tooLarge.headers().set(request.headers());
            tooLarge.setDecoderResult(request.decoderResult().isFailure() ? request.decoderResult()
                    : DecoderResult.failure(new TooLongHttpContentException(
                            "its body is larger than " + maxContentLength() + " bytes.")));
            ctx.fireChannelRead(tooLarge);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Started after the management server (Boot's web server lifecycles: {@code DEFAULT_PHASE - 2048} and
     * {@code - 1024}) and stopped before it, so relayed probes keep working while downloads drain; the spool's
     * forwarder and the catalog reader ({@code DEFAULT_PHASE - 4096}) stop after both.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
