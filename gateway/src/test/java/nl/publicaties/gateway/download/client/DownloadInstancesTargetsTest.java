package nl.publicaties.gateway.download.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which DOWNLOAD_URLs become one instance per address their host name stands for, and how. */
class DownloadInstancesTargetsTest {

    @Test
    void givenANameWithThreeAddresses_thenThreeInstances_withTheUrlsPortAndPath() throws UnknownHostException {
        assertEquals(List.of(URI.create("http://10.0.0.2:8082"), URI.create("http://10.0.0.3:8082"),
                        URI.create("http://10.0.0.4:8082")),
                DownloadInstances.targets(URI.create("http://download-service:8082"),
                        addresses("10.0.0.2", "10.0.0.3", "10.0.0.4")));
        assertEquals(List.of(URI.create("http://10.0.0.2/base%20path")),
                DownloadInstances.targets(URI.create("http://downloads/base%20path"), addresses("10.0.0.2")));
    }

    @Test
    void givenHttpsOrAHostJavaCannotParse_thenTheUrlIsUsedAsItIs() {
        assertTrue(DownloadInstances.expandable(URI.create("http://download-service:8082")));
        // the certificate is checked against the name
        assertFalse(DownloadInstances.expandable(URI.create("https://downloads.example.nl")));
        // URI.getHost() is null for a name with an underscore
        assertFalse(DownloadInstances.expandable(URI.create("http://download_service:8082")));
    }

    @Test
    void givenIpv4AndIpv6Addresses_thenOnlyIpv4_becauseLocalhostsIpv6AddressNeedNotBeListenedOn()
            throws UnknownHostException {
        assertEquals(List.of(URI.create("http://127.0.0.1:8082")),
                DownloadInstances.targets(URI.create("http://localhost:8082"), addresses("::1", "127.0.0.1")));
    }

    @Test
    void givenOnlyIpv6Addresses_thenBracketedLiterals() throws UnknownHostException {
        assertEquals(List.of(URI.create("http://[0:0:0:0:0:0:0:1]:8082")),
                DownloadInstances.targets(URI.create("http://localhost:8082"), addresses("::1")));
    }

    @Test
    void givenTheSameAddressTwice_thenOneInstance() throws UnknownHostException {
        assertEquals(List.of(URI.create("http://10.0.0.2:8082")),
                DownloadInstances.targets(URI.create("http://d:8082"), addresses("10.0.0.2", "10.0.0.2")));
    }

    private static InetAddress[] addresses(String... literals) throws UnknownHostException {
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            addresses[i] = InetAddress.getByName(literals[i]);
        }
        return addresses;
    }
}
