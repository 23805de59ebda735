package nl.publicaties.download.delivery.web;

import java.net.InetSocketAddress;
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
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
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
     * <li>{@code Expect: 100-continue} gets its interim {@code 100} at once when no earlier request is still being
     * answered (RFC 9110 §10.1.1); behind one it gets none, as a {@code 100} written then would arrive ahead of
     * that request's answer, and the client sends its body after its own wait.</li>
     * <li>A body over the limit is not answered here (Netty's default writes a bare 413 at once, ahead of earlier
     * answers): the request goes on to {@link DocumentHandler} as unreadable, which answers 413 in its turn, as
     * problem details, and closes the connection. The rest of that body is read and dropped meanwhile.</li>
     * </ul>
     */
    static final class InOrderAggregator extends HttpObjectAggregator {
        private final DocumentHandler handler;

        InOrderAggregator(int maxContentLength, DocumentHandler handler) {
            super(maxContentLength);
            this.handler = handler;
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            if (!start.headers().contains(HttpHeaderNames.EXPECT) || handler.answering()) {
                return null;
            }
            Object response = super.newContinueResponse(start, maxContentLength, pipeline);
            if (response instanceof HttpResponse interim && interim.status().equals(HttpResponseStatus.CONTINUE)) {
                return response;
            }
            // a refusal (417 for an unknown expectation, 413 for a declared length over the limit) is the
            // handler's to give: an unknown expectation is ignored, a body too large is answered 413 in turn
            ReferenceCountUtil.release(response);
            return null;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (!(oversized instanceof HttpRequest request)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            DefaultFullHttpRequest tooLarge = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                    request.uri(), Unpooled.EMPTY_BUFFER);
            tooLarge.headers().set(request.headers());
            tooLarge.setDecoderResult(DecoderResult.failure(new TooLongHttpContentException(
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
