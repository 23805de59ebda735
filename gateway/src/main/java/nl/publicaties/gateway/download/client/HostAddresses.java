package nl.publicaties.gateway.download.client;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The addresses a host name stands for, from the JVM's resolver (which caches an answer for 30 s unless
 * {@code networkaddress.cache.ttl} says otherwise). Docker's DNS answers a scaled service's name with one address
 * per replica.
 */
@Singleton
public class HostAddresses {

    public InetAddress[] of(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
