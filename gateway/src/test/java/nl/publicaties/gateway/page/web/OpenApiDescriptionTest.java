package nl.publicaties.gateway.page.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI description is generated at build time and served as a static file, covering the JSON API only. */
@MicronautTest
class OpenApiDescriptionTest {

    @Inject
    EmbeddedServer server;

    @Test
    @SuppressWarnings("unchecked")
    void givenBuiltGateway_whenOpenApiRequested_thenDescribesOnlyThePageApi() {
        HttpResponse<String> response = new Visitor(server.getURL().toString()).get("/openapi/publicaties-gateway.yml");

        assertEquals(200, response.statusCode());
        Map<String, Object> spec = new Yaml().load(response.body());
        assertTrue(String.valueOf(spec.get("openapi")).startsWith("3."), "OpenAPI 3: " + spec.get("openapi"));
        Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
        assertEquals(Set.of("/api/pages/{slug}"), paths.keySet());
        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/pages/{slug}")).get("get");
        assertEquals(Set.of("200", "404", "503"), ((Map<String, Object>) get.get("responses")).keySet());
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
        Map<String, Object> page = (Map<String, Object>) schemas.get("PublicationPage");
        assertTrue(((Map<String, Object>) page.get("properties")).keySet()
                .containsAll(Set.of("slug", "title", "editions", "countsAvailable", "asOf")), page.toString());
    }
}
