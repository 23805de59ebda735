package nl.publicaties.catalog.security.config;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.publicaties.catalog.security.storage.Credentials;
import nl.publicaties.catalog.security.storage.Role;
import nl.publicaties.catalog.security.web.BearerTokenFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains: {@code /api/admin/**} needs a bearer token (editors write, auditors read), everything
 * else (the public pages the gateway reads, actuator health, the OpenAPI description) stays open and keeps
 * its own caching headers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, Credentials credentials, JsonMapper json) throws Exception {
        return http.securityMatcher("/api/admin/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/admin/**")
                        .hasAnyRole(Role.EDITOR.name(), Role.AUDITOR.name())
                        .anyRequest().hasRole(Role.EDITOR.name()))
                .addFilterBefore(new BearerTokenFilter(credentials), AuthorizationFilter.class)
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problem(json, response, 401, "Authentication required",
                                    "Send a valid token as 'Authorization: Bearer <token>'.", "unauthenticated");
                        })
                        .accessDeniedHandler((request, response, e) -> problem(json, response, 403,
                                "Not allowed", "Only editors may change the catalog.", "forbidden")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicApi(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // the public page is revalidated by ETag; Spring Security's no-store would defeat that
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .build();
    }

    private static void problem(JsonMapper json, HttpServletResponse response, int status, String title,
                                String detail, String type) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:publicaties:problem:" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
