package nl.publicaties.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogApplication {

    public static void main(String[] args) {
        // Axon prints an advertisement for its console on every start unless told not to.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(CatalogApplication.class, args);
    }
}
