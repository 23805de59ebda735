package nl.publicaties.download.delivery.config;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.delivery.web.DocumentServlet;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.VisitorKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * {@code /documents/*} goes to its own servlet, beside Spring MVC's DispatcherServlet (which keeps
 * {@code /actuator} and the error page): see {@link DocumentServlet} for why.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfig {

    @Bean
    ServletRegistrationBean<DocumentServlet> documentServlet(DocumentView view, BlobStore blobs,
            DownloadRecorder recorder, VisitorKeys visitorKeys, DownloadProperties properties, Clock clock,
            MeterRegistry meters, JsonMapper json) {
        ServletRegistrationBean<DocumentServlet> registration = new ServletRegistrationBean<>(
                new DocumentServlet(view, blobs, recorder, visitorKeys, properties, clock, meters, json),
                "/documents/*");
        registration.setName("documents");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * Boot's {@code http.server.requests} observation, for the DispatcherServlet only (actuator, error page)
     * instead of every path. Downloads have their own counter ({@code download.responses}); an observation per
     * download (context, tags, timer lookup) would cost more than serving it. Declaring this bean makes Boot's
     * own, which maps {@code /*}, back off.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry,
            ObjectProvider<ServerRequestObservationConvention> convention,
            DispatcherServletRegistrationBean dispatcherServlet) {
        ServerHttpObservationFilter filter = new ServerHttpObservationFilter(registry,
                convention.getIfAvailable(() -> new DefaultServerRequestObservationConvention("http.server.requests")));
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(filter, dispatcherServlet);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }
}
