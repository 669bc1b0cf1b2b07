package dev.orderflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on a local port that a test can cut, black-hole and restore, so one client (a Spring context's connection
 * pool, say) loses its server while the shared server stays up for everyone else.
 *
 * <p>Two faults: {@link #cut()} resets every connection, as a crashed server; {@link #blackHole()} answers nothing
 * and closes nothing, as a network that loses its route without a reset (both ends keep a half-open connection and
 * wait for their own time-outs).
 *
 * <p>Each connection takes two daemon threads, one per direction; at most {@value #MAX_CONNECTIONS} connections are
 * served, later ones are refused. {@link #close()} ends every thread it started.
 */
public final class TcpFaultProxy implements AutoCloseable {

    static final int MAX_CONNECTIONS = 64;

    private static final Logger log = LoggerFactory.getLogger(TcpFaultProxy.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final ThreadPoolExecutor pumps;
    private final Thread acceptor;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private boolean cut;
    private boolean blackHole;
    private boolean closed;

    private TcpFaultProxy(String targetHost, int targetPort) throws IOException {
        this.target = InetSocketAddress.createUnresolved(targetHost, targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        String name = "tcp-fault-proxy-" + listener.getLocalPort();
        // Two threads per connection, plus headroom for the threads of connections that are just ending.
        int maxThreads = 2 * MAX_CONNECTIONS + 16;
        this.pumps = new ThreadPoolExecutor(
                0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(name));
        this.acceptor = daemonThreads(name + "-accept").newThread(this::acceptConnections);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port that forwards every connection to {@code targetHost:targetPort}. */
    public static TcpFaultProxy start(String targetHost, int targetPort) {
        try {
            TcpFaultProxy proxy = new TcpFaultProxy(targetHost, targetPort);
            log.info("TCP fault proxy on {}:{} forwards to {}:{}", proxy.host(), proxy.port(), targetHost, targetPort);
            return proxy;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not open a TCP fault proxy", ex);
        }
    }

    /** The loopback address the proxy listens on, as a literal IP so clients never try another address family. */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}, as if the server were gone. */
    public void cut() {
        List<Link> open;
        synchronized (this) {
            cut = true;
            open = List.copyOf(links);
        }
        open.forEach(Link::reset);
        log.info("TCP fault proxy on port {} cut: {} connection(s) reset", port(), open.size());
    }

    /**
     * Drops everything silently, both ways, and closes nothing: open connections stay open and go quiet, new ones are
     * accepted and never answered, and a side that closes is not told to the other (the server keeps its session).
     * Each end notices only by a time-out of its own, as when a host loses its route to the server without a reset.
     */
    public void blackHole() {
        List<Link> open;
        synchronized (this) {
            blackHole = true;
            open = List.copyOf(links);
        }
        open.forEach(Link::swallow);
        log.info("TCP fault proxy on port {} black-holed: {} connection(s) go silent", port(), open.size());
    }

    /**
     * Forwards new connections again. Connections reset by {@link #cut()} stay gone and connections that went silent
     * in {@link #blackHole()} stay silent (the bytes they lost cannot be replayed): clients reconnect once their own
     * time-outs give up on them.
     */
    public synchronized void restore() {
        cut = false;
        blackHole = false;
        log.info("TCP fault proxy on port {} restored", port());
    }

    public synchronized boolean isCut() {
        return cut;
    }

    public synchronized boolean isBlackHole() {
        return blackHole;
    }

    /** Connections currently being forwarded. */
    public int openConnections() {
        return links.size();
    }

    /** Stops listening, resets every connection and waits until each thread the proxy started has ended. */
    @Override
    public void close() {
        List<Link> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(links);
        }
        closeQuietly(listener);
        open.forEach(Link::reset);
        pumps.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            if (!pumps.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS) || acceptor.isAlive()) {
                log.warn("TCP fault proxy on port {} left threads running after close", port());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptConnections() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException ex) {
                if (!isClosed()) {
                    log.warn("TCP fault proxy on port {} stopped accepting", port(), ex);
                }
                return;
            }
            Link link = register(client);
            if (link != null) {
                try {
                    pumps.execute(link::connectAndForward);
                } catch (RejectedExecutionException ex) {
                    log.debug("TCP fault proxy on port {} dropped a connection: closing or out of threads", port());
                    link.reset();
                }
            }
        }
    }

    /** Decided under the lock, so a connection accepted while {@link #cut()} runs is refused or reset by it. */
    private synchronized Link register(Socket client) {
        if (cut || closed || links.size() >= MAX_CONNECTIONS) {
            if (!cut && !closed) {
                log.warn("TCP fault proxy on port {} refuses a connection: {} are open", port(), MAX_CONNECTIONS);
            }
            reset(client);
            return null;
        }
        Link link = new Link(client, blackHole);
        links.add(link);
        return link;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** One client connection and its upstream counterpart. */
    private final class Link {

        private final Socket client;
        private final Socket upstream = new Socket();
        private volatile boolean swallowing;
        private int openSides;
        private boolean done;

        Link(Socket client, boolean swallowing) {
            this.client = client;
            this.swallowing = swallowing;
        }

        void connectAndForward() {
            if (swallowing) {
                // Accepted into a black hole: the server is never reached, the client never answered.
                opened(1);
                pump(client, upstream);
                return;
            }
            try {
                InetSocketAddress resolved = new InetSocketAddress(target.getHostString(), target.getPort());
                upstream.connect(resolved, CONNECT_TIMEOUT_MILLIS);
                opened(2);
                pumps.execute(() -> pump(upstream, client));
            } catch (IOException | RejectedExecutionException ex) {
                log.debug("TCP fault proxy on port {} could not reach {}", port(), target, ex);
                reset();
                return;
            }
            pump(client, upstream);
        }

        /** From now on, what either side sends is read and dropped, and neither side is closed by the other's end. */
        void swallow() {
            swallowing = true;
        }

        /**
         * Copies until either side ends, then ends both: the protocols this proxy serves (PostgreSQL) never half-close,
         * so tearing down the whole connection keeps the bookkeeping simple. A swallowing connection drops what it
         * reads instead, and an end of one side stays unknown to the other.
         */
        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                int read;
                while ((read = in.read(buffer)) != -1) {
                    if (!swallowing) {
                        OutputStream out = to.getOutputStream();
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException ex) {
                log.trace("TCP fault proxy connection ended", ex); // reset by cut() or by a peer
            } finally {
                if (swallowing) {
                    sideEnded(from);
                } else {
                    reset();
                }
            }
        }

        private synchronized void opened(int sides) {
            openSides = sides;
        }

        /** One side of a swallowing connection ended: closed here only; the connection is gone once both are. */
        private void sideEnded(Socket side) {
            closeQuietly(side);
            boolean last;
            synchronized (this) {
                last = --openSides <= 0;
            }
            if (last) {
                reset();
            }
        }

        /** Closing the sockets also unblocks the threads reading from them, which is how they end. */
        void reset() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            links.remove(this);
            TcpFaultProxy.reset(client);
            TcpFaultProxy.reset(upstream);
        }
    }

    /** Closes with a TCP reset rather than an orderly FIN, as a crashed server or a cut cable would look. */
    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException ex) {
            log.trace("Could not request a reset", ex);
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ex) {
            log.trace("Ignored while closing", ex);
        }
    }

    private static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
