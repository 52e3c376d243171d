package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CosmosWriteRequestStateSerializerTest {

    private final CosmosWriteRequestStateSerializer serializer =
            new CosmosWriteRequestStateSerializer();

    @Test
    void writesBufferedRequestsIntoACheckpointAndReadsThemBack() throws IOException {
        List<CosmosWriteRequest> requests =
                List.of(
                        request("a", List.of("tenant", 2.5, true), "{\"id\":\"a\"}", 0),
                        request("ü-ñ", Arrays.asList(null, "x"), "{\"id\":\"ü-ñ\",\"n\":1}", 3));
        BufferedRequestState<CosmosWriteRequest> state =
                new BufferedRequestState<>(
                        requests.stream()
                                .map(r -> new RequestEntryWrapper<>(r, r.document().length))
                                .toList());

        BufferedRequestState<CosmosWriteRequest> restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactlyElementsOf(requests);
    }

    @Test
    void isAtVersionOneAndRefusesOtherVersions() {
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("state of version 2: this connector reads version 1");
    }

    private static CosmosWriteRequest request(
            String id, List<Object> partitionKey, String json, int retries) {
        return new CosmosWriteRequest(
                id, partitionKey, json.getBytes(StandardCharsets.UTF_8), retries);
    }
}
