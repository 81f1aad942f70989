package io.camvault.gateway.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides the client address of a request. A peer outside the trusted networks is the client, and
 * whatever it writes in {@code Forwarded} or {@code X-Forwarded-For} is ignored. From a trusted
 * proxy, the hops it reports are walked from the nearest (rightmost) back, skipping trusted proxies:
 * the first address not trusted is the client, since everything to its left was written by the
 * client itself and proves nothing. {@code Forwarded} (RFC 7239) is used when present, otherwise
 * {@code X-Forwarded-For}.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of());
    /** More hops than any real proxy chain; the rest of an oversized header is ignored. */
    private static final int MAX_HOPS = 32;
    private final List<Cidr> networks;

    public TrustedProxies(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /** A comma-separated list of networks ({@code gateway.trusted-proxies}); blank means none. */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Cidr> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(Cidr.parse(part));
            }
        }
        return new TrustedProxies(out);
    }

    public List<Cidr> networks() {
        return networks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedProxies t && t.networks.equals(networks);
    }

    @Override
    public int hashCode() {
        return networks.hashCode();
    }

    @Override
    public String toString() {
        return networks.toString();
    }

    public boolean trusts(InetAddress a) {
        for (Cidr c : networks) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client behind {@code peer}, given the request's {@code Forwarded} and {@code X-Forwarded-For}
     * values (each may be null or repeated, joined with commas).
     */
    public InetAddress client(InetAddress peer, String forwarded, String xForwardedFor) {
        if (peer == null || !trusts(peer)) {
            return peer;
        }
        List<String> hops = forwarded != null && !forwarded.isBlank() ? forwardedFor(forwarded)
                : xForwardedFor != null ? Arrays.asList(xForwardedFor.split(",")) : List.of();
        InetAddress client = peer;
        int from = Math.max(0, hops.size() - MAX_HOPS);
        for (int i = hops.size() - 1; i >= from; i--) {
            InetAddress hop = address(hops.get(i));
            if (hop == null) {
                return client; // "unknown", an obfuscated name or garbage: stop at what we know
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** The {@code for=} values of each element of a {@code Forwarded} header, in order. */
    static List<String> forwardedFor(String header) {
        List<String> out = new ArrayList<>();
        for (String element : header.split(",")) {
            String found = null;
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                    found = pair.substring(eq + 1).strip();
                }
            }
            out.add(found == null ? "" : found);
        }
        return out;
    }

    /** A literal address from a hop: quotes, brackets and a port are removed; names and "unknown" are null. */
    static InetAddress address(String hop) {
        String t = hop.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            t = close < 0 ? t : t.substring(1, close);
        } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') > 0) {
            t = t.substring(0, t.indexOf(':')); // IPv4 with a port
        }
        byte[] b = Cidr.literal(t);
        if (b == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
