package nl.publicaties.catalog.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). The public
 * {@code /api/series} operations need no token; springdoc lists the bearer scheme on every operation.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Publicaties catalog", version = "1",
                description = "Public series pages (GET /api/series…) and the editors' admin API (/api/admin…). "
                        + "Admin calls need 'Authorization: Bearer <token>'; the local stack writes an editor "
                        + "token to data/editor-token. Errors are RFC 9457 problem+json."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class OpenApiConfig {
}
