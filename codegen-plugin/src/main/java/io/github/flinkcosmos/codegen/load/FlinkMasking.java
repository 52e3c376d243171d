package io.github.flinkcosmos.codegen.load;

import java.util.List;
import java.util.Locale;

/**
 * Which option keys Flink masks when it prints options, for example in "Unable to create a sink"
 * errors. Mirrors {@code GlobalConfiguration.SENSITIVE_KEYS} of Flink 2.3.0; the connector's tests
 * check the generated code against the real Flink on its classpath.
 */
final class FlinkMasking {

    static final List<String> SENSITIVE_WORDS =
            List.of(
                    "password",
                    "secret",
                    "fs.azure.account.key",
                    "apikey",
                    "api-key",
                    "auth-params",
                    "service-key",
                    "token",
                    "basic-auth",
                    "jaas.config",
                    "http-headers");

    private FlinkMasking() {}

    static boolean masks(String key) {
        String lowerCaseKey = key.toLowerCase(Locale.ROOT);
        return SENSITIVE_WORDS.stream().anyMatch(lowerCaseKey::contains);
    }
}
