package io.github.flinkcosmos.codegen.load;

import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The plugin's copy of Flink's sensitive words is the one of the Flink version we build with. */
class FlinkMaskingTest {

    @Test
    void sensitiveWordsEqualFlinks() throws ReflectiveOperationException {
        Field field = GlobalConfiguration.class.getDeclaredField("SENSITIVE_KEYS");
        field.setAccessible(true);
        String[] flinkWords = (String[]) field.get(null);

        assertThat(FlinkMasking.SENSITIVE_WORDS)
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(flinkWords));
    }

    @Test
    void masksExactlyWhatFlinkMasks() {
        for (String key :
                new String[] {
                    "cosmos.key", "cosmos.endpoint", "cosmos.password", "my.Secret.x", "a.api-key"
                }) {
            assertThat(FlinkMasking.masks(key))
                    .as(key)
                    .isEqualTo(GlobalConfiguration.isSensitive(key));
        }
        assertThat(FlinkMasking.masks("cosmos.key")).isFalse();
    }
}
