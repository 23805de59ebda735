package nl.publicaties.gateway;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(
        title = "Publicaties gateway",
        version = "1",
        description = "The public JSON of the Publicaties pages: a series with its editions and documents, merged "
                + "with the download counts. Only what the public pages show; nothing of the backends' own APIs."))
public class Application {

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
