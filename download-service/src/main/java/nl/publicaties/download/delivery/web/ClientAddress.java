package nl.publicaties.download.delivery.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * The address of the client a request is for, as the visitor key needs it. Behind the gateway the TCP peer is
 * the gateway and the client's address arrives in {@code X-Forwarded-For}; that header is believed only from
 * internal proxies (loopback, private, link-local, carrier-grade NAT and unique-local addresses), walking it
 * from the right as Tomcat's {@code RemoteIpValve} does, so a visitor cannot forge another's visitor key by
 * sending the header itself.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(SocketAddress peer, String forwardedFor) {
        InetAddress remote = peer instanceof InetSocketAddress socket ? socket.getAddress() : null;
        String address = remote == null ? "unknown" : remote.getHostAddress();
        if (remote == null || forwardedFor == null || forwardedFor.isBlank() || !internal(remote)) {
            return address;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            InetAddress parsed = literal(hop);
            if (parsed == null) {
                return hop; // not an address we can check: the nearest untrusted entry, as RemoteIpValve takes it
            }
            address = parsed.getHostAddress();
            if (!internal(parsed)) {
                return address;
            }
        }
        return address;
    }

    /** An IP literal, never a DNS look-up. */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = bare.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        boolean ipv6 = bare.indexOf(':') >= 0
                && bare.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // 100.64.0.0/10
        }
        return (bytes[0] & 0xfe) == 0xfc; // fc00::/7
    }
}
