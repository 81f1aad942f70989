package io.camvault.gateway.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The network source of the request whose work runs on this thread, for the audit of refusals.
 * Exchanges set it around the work they hand to a pool ({@code Exchange.runOn}), so the checks deep
 * in a route know who is asking without every call passing it along.
 */
public final class RequestSource {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestSource() {
    }

    /** Runs {@code work} with {@code remote} as the current source. */
    public static void within(SocketAddress remote, Runnable work) {
        String previous = CURRENT.get();
        CURRENT.set(describe(remote));
        try {
            work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The current source's address (no port: one client opens many connections), or {@code unknown}. */
    public static String current() {
        String s = CURRENT.get();
        return s == null ? "unknown" : s;
    }

    static String describe(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
