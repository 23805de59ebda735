package nl.publicaties.stats.series.config;

import nl.publicaties.stats.counting.CountingPolicies;
import nl.publicaties.stats.counting.CountingPolicy;
import nl.publicaties.stats.counting.RobotList;
import nl.publicaties.stats.series.storage.SeriesStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes sure a live series exists before the listener starts (this runs while beans are created, the
 * listener container only starts afterwards): on an empty database the configured policy's series is live
 * from the first event on. If the live series counts under another policy than the configured one, the
 * rebuild into the configured policy starts once the service is up ({@code RebuildOnStart}).
 */
@Component
public class SeriesBootstrap implements InitializingBean {

    private static final Log LOG = LogFactory.getLog(SeriesBootstrap.class);

    private final SeriesStore series;
    private final CountingPolicies policies;
    private final String configuredVersion;

    public SeriesBootstrap(SeriesStore series, CountingPolicies policies,
            @Value("${stats.policy.version}") String configuredVersion) {
        this.series = series;
        this.policies = policies;
        this.configuredVersion = configuredVersion;
    }

    public String configuredVersion() {
        return configuredVersion;
    }

    @Override
    public void afterPropertiesSet() {
        CountingPolicy policy = policies.get(configuredVersion);
        if (series.isEmpty()) {
            series.create(configuredVersion, configuredVersion, policy.robots().map(RobotList::version).orElse(null), true);
            LOG.info("Counting from the first event under policy " + configuredVersion);
        }
    }
}
