package io.raftkv.client.protocol;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport every raftkv socket uses: Linux's native epoll where Netty's native
 * library loads (fewer system calls and wake-ups per message than Java NIO's selector), Java NIO
 * elsewhere or when {@code -Draftkv.transport=nio} is set. One choice per JVM, made at first use.
 */
public final class NettyTransport {

    /** System property naming the transport: {@code nio} forces Java NIO; anything else lets epoll be used. */
    public static final String PROPERTY = "raftkv.transport";

    private static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty(PROPERTY, ""))
            && Epoll.isAvailable();

    private NettyTransport() {
    }

    /** "epoll" or "nio". */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /** The I/O handler of the event loops. */
    public static IoHandlerFactory ioHandlerFactory() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The client-side socket channel class. */
    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The listening socket channel class. */
    public static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
