package io.camvault.gateway.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 192.168.1.5, fd00::/8");

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        // the hole: any client could name any address in the audit by sending X-Forwarded-For itself
        assertThat(PROXIES.client(ip("203.0.113.9"), "for=198.51.100.1", "198.51.100.1")).isEqualTo(ip("203.0.113.9"));
        RequestSource s = RequestSource.of(new InetSocketAddress(ip("203.0.113.9"), 4000), PROXIES, null, "1.2.3.4");
        assertThat(s.clientAddress()).isEqualTo("203.0.113.9");
        assertThat(s.peerAddress()).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(PROXIES.client(ip("10.1.2.3"), null, "198.51.100.7")).isEqualTo(ip("198.51.100.7"));
        RequestSource s = RequestSource.of(new InetSocketAddress(ip("192.168.1.5"), 4000), PROXIES, null, "198.51.100.7");
        assertThat(s.auditDetails()).containsEntry("client_address", "198.51.100.7").containsEntry("peer_address", "192.168.1.5");
    }

    @Test
    void addressesTheClientPrependedItselfProveNothing() {
        // client sends "X-Forwarded-For: 1.1.1.1"; the proxy appends the address it saw
        assertThat(PROXIES.client(ip("10.0.0.1"), null, "1.1.1.1, 198.51.100.7")).isEqualTo(ip("198.51.100.7"));
        // two trusted proxies in a row are skipped
        assertThat(PROXIES.client(ip("10.0.0.1"), null, "1.1.1.1, 198.51.100.7, 10.9.9.9")).isEqualTo(ip("198.51.100.7"));
    }

    @Test
    void forwardedIsPreferredAndParsedWithQuotesPortsAndIpv6() {
        assertThat(PROXIES.client(ip("10.0.0.1"), "for=\"[2001:db8::17]:4711\";proto=https", "1.1.1.1"))
                .isEqualTo(ip("2001:db8::17"));
        assertThat(PROXIES.client(ip("10.0.0.1"), "for=198.51.100.1:5000, for=10.0.0.2", null)).isEqualTo(ip("198.51.100.1"));
        assertThat(PROXIES.client(ip("fd00::1"), "For=198.51.100.2", null)).isEqualTo(ip("198.51.100.2"));
    }

    @Test
    void unknownOrObfuscatedHopsStopTheWalk() {
        assertThat(PROXIES.client(ip("10.0.0.1"), "for=unknown", null)).isEqualTo(ip("10.0.0.1"));
        assertThat(PROXIES.client(ip("10.0.0.1"), null, "evil.example, 10.0.0.3")).isEqualTo(ip("10.0.0.3"));
        assertThat(PROXIES.client(ip("10.0.0.1"), null, "")).isEqualTo(ip("10.0.0.1"));
    }

    @Test
    void networksParseAndMatch() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("10.255.0.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains(ip("::ffff:127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("fd00::/8").contains(ip("fd12::1"))).isTrue();
        assertThat(Cidr.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
        assertThatThrownBy(() -> Cidr.parse("proxy.example")).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0 to 32");
        assertThat(TrustedProxies.parse(" ").networks()).isEmpty();
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
