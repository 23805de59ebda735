package nl.publicaties.stats.analyst.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AnalystWebConfig implements WebMvcConfigurer {

    private final AnalystAccess access;

    AnalystWebConfig(AnalystAccess access) {
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(access).addPathPatterns("/api/analyst/**", "/dashboard", "/dashboard/**");
    }
}
