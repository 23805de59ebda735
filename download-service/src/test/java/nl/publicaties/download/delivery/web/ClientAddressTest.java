package nl.publicaties.download.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** Whose address the visitor key is made of: X-Forwarded-For is believed from internal proxies only. */
class ClientAddressTest {

    private static InetSocketAddress peer(String ip) {
        return new InetSocketAddress(ip, 40_000);
    }

    @Test
    void givenDirectClient_whenItSendsXForwardedFor_thenItsOwnAddressIsUsed() {
        assertThat(ClientAddress.of(peer("203.0.113.7"), "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void givenGatewayOnLoopbackOrPrivateNetwork_whenForwarding_thenTheClientBehindIt() {
        assertThat(ClientAddress.of(peer("127.0.0.1"), "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(peer("10.0.3.4"), "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(peer("172.20.0.5"), "203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void givenForgedEntriesLeftOfTheRealClient_whenWalkingFromTheRight_thenTheNearestUntrustedAddress() {
        // the visitor sent "X-Forwarded-For: 198.51.100.99"; the gateway appended the address it saw
        assertThat(ClientAddress.of(peer("127.0.0.1"), "198.51.100.99, 203.0.113.7")).isEqualTo("203.0.113.7");
        // a private hop between (a load balancer) is skipped
        assertThat(ClientAddress.of(peer("127.0.0.1"), "198.51.100.99, 203.0.113.7, 10.0.0.2"))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void givenOnlyInternalHops_whenForwarded_thenTheLeftmost() {
        assertThat(ClientAddress.of(peer("127.0.0.1"), "192.168.1.20, 10.0.0.2")).isEqualTo("192.168.1.20");
    }

    @Test
    void givenIpv6AndNoHeader_whenResolved_thenThePeer() {
        assertThat(ClientAddress.of(peer("::1"), "2001:db8::5")).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(ClientAddress.of(peer("fd00::1"), "[2001:db8::6]")).isEqualTo("2001:db8:0:0:0:0:0:6");
        assertThat(ClientAddress.of(peer("127.0.0.1"), null)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(peer("127.0.0.1"), " ")).isEqualTo("127.0.0.1");
    }

    @Test
    void givenAProxyThatAddsPorts_whenResolved_thenTheAddressWithoutItsPort() {
        assertThat(ClientAddress.of(peer("127.0.0.1"), "203.0.113.7:5678")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(peer("127.0.0.1"), "[2001:db8::1]:443")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(ClientAddress.of(peer("127.0.0.1"), "203.0.113.7:5678, 10.0.0.2:80")).isEqualTo("203.0.113.7");
    }

    @Test
    void givenDigitsAndDotsThatAreNoAddress_whenResolved_thenTheTextAsItIsAndNoLookUp() {
        assertThat(ClientAddress.of(peer("127.0.0.1"), "1.2.3.4.5")).isEqualTo("1.2.3.4.5");
        assertThat(ClientAddress.of(peer("127.0.0.1"), "256.1.1.1")).isEqualTo("256.1.1.1");
        assertThat(ClientAddress.of(peer("127.0.0.1"), "1.2.3")).isEqualTo("1.2.3");
        assertThat(ClientAddress.of(peer("127.0.0.1"), "[2001:db8::1")).isEqualTo("[2001:db8::1");
    }

    @Test
    void givenPeersAndForwardedClients_whenAskedWhetherInternal_thenOnlyWhenTheClientItselfIs() {
        assertThat(ClientAddress.isInternal(peer("127.0.0.1"), null)).isTrue();
        assertThat(ClientAddress.isInternal(peer("10.0.0.5"), "10.0.0.9")).isTrue();
        assertThat(ClientAddress.isInternal(peer("127.0.0.1"), "203.0.113.7")).as("the public behind a proxy").isFalse();
        assertThat(ClientAddress.isInternal(peer("203.0.113.7"), null)).isFalse();
        assertThat(ClientAddress.isInternal(peer("203.0.113.7"), "10.0.0.9")).as("forged by the public").isFalse();
    }

    @Test
    void givenALinkLocalIpv6PeerWithItsScope_whenAskedWhetherInternal_thenItIs() throws Exception {
        InetSocketAddress linkLocal = new InetSocketAddress(java.net.Inet6Address.getByAddress(null,
                java.net.InetAddress.getByName("fe80::1").getAddress(), 1), 40_000);
        assertThat(ClientAddress.isInternal(linkLocal, null)).isTrue();
    }

    @Test
    void givenTextThatTheJdkWouldHandToTheResolver_whenResolved_thenTheTextAsItIs() {
        assertThat(ClientAddress.of(peer("127.0.0.1"), ".1:2:3")).isEqualTo(".1:2:3");
        assertThat(ClientAddress.of(peer("127.0.0.1"), "[.1:2]")).isEqualTo("[.1:2]");
    }

    @Test
    void givenAHostNameInTheHeader_whenResolved_thenNoDnsLookupAndTheTextAsItIs() {
        assertThat(ClientAddress.of(peer("127.0.0.1"), "unknown")).isEqualTo("unknown");
    }
}
