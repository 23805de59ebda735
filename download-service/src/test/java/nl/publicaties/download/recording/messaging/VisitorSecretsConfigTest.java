package nl.publicaties.download.recording.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class VisitorSecretsConfigTest {

    @Test
    void givenTheDefaults_whenChecked_thenADaysSecretLastsItsWholeDayAndIsGoneWithinTwo() {
        assertThatCode(() -> VisitorSecretsConfig.checkRetention(Duration.ofHours(25), Duration.ofMinutes(10)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenARetentionTooShortForTheDayOrTooLongForPrivacy_whenChecked_thenTheServiceDoesNotStart() {
        assertThatThrownBy(() -> VisitorSecretsConfig.checkRetention(Duration.ofHours(24), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least");
        assertThatThrownBy(() -> VisitorSecretsConfig.checkRetention(Duration.ofHours(25), Duration.ofHours(2)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> VisitorSecretsConfig.checkRetention(Duration.ofDays(7), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("beyond two days");
    }
}
