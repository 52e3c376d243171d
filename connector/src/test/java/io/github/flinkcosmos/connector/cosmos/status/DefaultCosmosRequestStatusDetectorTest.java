package io.github.flinkcosmos.connector.cosmos.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated detector classifies exactly as the contract's status table says. */
class DefaultCosmosRequestStatusDetectorTest {

    private final CosmosRequestStatusDetector detector = new DefaultCosmosRequestStatusDetector();

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource({
        "200, 0, SUCCESS",
        "201, 0, SUCCESS",
        "204, 0, SUCCESS",
        "299, 0, SUCCESS",
        "408, 0, RETRY",
        "429, 3200, RETRY",
        "500, 0, RETRY",
        "503, 20001, RETRY",
        "599, 0, RETRY",
        "400, 0, FAIL",
        "401, 0, FAIL",
        "403, 3, FAIL",
        "404, 0, FAIL",
        "409, 0, FAIL",
        "100, 0, DROP",
        "304, 0, DROP",
        "412, 0, DROP",
        "413, 0, DROP",
        "449, 0, DROP",
        "600, 0, DROP"
    })
    void classifiesByStatusCode(int status, int subStatus, RequestClassification expected) {
        assertThat(detector.classify(status, subStatus)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}/{2} is {3}")
    @CsvSource({
        "DELETE, 404, 0, SUCCESS",
        "DELETE, 404, 1002, FAIL",
        "SOFT_DELETE, 404, 0, SUCCESS",
        "CREATE, 409, 0, SUCCESS",
        "CREATE, 201, 0, SUCCESS",
        "PATCH, 404, 0, FALLBACK",
        "PATCH, 412, 0, DROP",
        "CREATE_MISSING, 409, 0, FALLBACK",
        "UPSERT, 404, 0, FAIL",
        "UPSERT, 409, 0, FAIL"
    })
    void classifiesSomeStatusesByOperationKindFirst(
            OperationKind kind, int status, int subStatus, RequestClassification expected) {
        assertThat(detector.classify(kind, status, subStatus)).isEqualTo(expected);
    }
}
