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
        return client(peer, forwardedFor).text();
    }

    /**
     * Whether the client a request is for (see {@link #of}) is on an internal network: operations (probes,
     * scrapes, the gateway's readiness checks), not the public, even when the public reaches this port through
     * an internal proxy that forwards its address.
     */
    static boolean isInternal(SocketAddress peer, String forwardedFor) {
        InetAddress client = client(peer, forwardedFor).address();
        return client != null && internal(client);
    }

    /** The client: its address when it is one, and its text as the visitor key takes it. */
    private record Client(InetAddress address, String text) {
        static Client of(InetAddress address) {
            return new Client(address, address.getHostAddress());
        }
    }

    private static Client client(SocketAddress peer, String forwardedFor) {
        InetAddress remote = peer instanceof InetSocketAddress socket ? socket.getAddress() : null;
        if (remote == null) {
            return new Client(null, "unknown");
        }
        Client client = Client.of(remote);
        if (forwardedFor == null || forwardedFor.isBlank() || !internal(remote)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            InetAddress parsed = literal(hop);
            if (parsed == null) {
                // not an address we can check: the nearest untrusted entry, as RemoteIpValve takes it
                return new Client(null, hop);
            }
            client = Client.of(parsed);
            if (!internal(parsed)) {
                return client;
            }
        }
        return client;
    }

    /**
     * An IP literal, never a DNS look-up: IPv4 parsed here (exactly four decimal parts up to 255), IPv6 by the JDK,
     * which reads text with a colon as a literal only. A port a proxy added ({@code 1.2.3.4:5678},
     * {@code [2001:db8::1]:443}) is dropped, so that a visitor's key does not change with each connection.
     */
    private static InetAddress literal(String text) {
        String bare = text;
        if (bare.startsWith("[")) {
            int close = bare.indexOf(']');
            if (close < 0 || !(close == bare.length() - 1 || bare.charAt(close + 1) == ':')) {
                return null;
            }
            bare = bare.substring(1, close);
        } else if (bare.indexOf(':') > 0 && bare.indexOf(':') == bare.lastIndexOf(':')) {
            bare = bare.substring(0, bare.indexOf(':')); // IPv4 with a port (an IPv6 literal has two colons or more)
        }
        if (bare.indexOf(':') < 0) {
            return ipv4(bare);
        }
        // the JDK reads text as an IPv6 literal only when it starts with a hex digit or a colon: anything else
        // would go to the resolver
        if (bare.isEmpty() || (bare.charAt(0) != ':' && Character.digit(bare.charAt(0), 16) < 0)
                || !bare.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) { // only for a wrong length
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
