package nl.publicaties.catalog.series.command;

import nl.publicaties.catalog.RuleViolation;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A slug is the address of a public page, so two series can never share one. One aggregate cannot see the
 * others, so the claim is a row with a unique key, inserted in the same transaction that stores
 * {@code SeriesRegistered}: both commit or neither does. Without it a duplicate would reach the page
 * projection's unique index and stop that processor.
 */
@Component
public class SlugClaims implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;

    /** Axon's Spring Boot auto-configuration registers every handler interceptor bean on the command bus. */
    public SlugClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof RegisterSeries command && command.slug() != null) {
            jdbc.update("insert into series_slug (slug, series_id) values (?, ?) on conflict do nothing",
                    command.slug(), command.seriesId());
            String owner = jdbc.queryForList("select series_id from series_slug where slug = ?", String.class,
                    command.slug()).stream().findFirst().orElse(null);
            // no row: this series id already claimed another slug, and the repository refuses a second series
            if (owner != null && !command.seriesId().equals(owner)) {
                throw new SlugTaken(command.slug());
            }
        }
        return chain.proceed();
    }

    public static final class SlugTaken extends RuleViolation.StateConflict {
        SlugTaken(String slug) {
            super("slug '" + slug + "' already belongs to another series");
        }
    }
}
