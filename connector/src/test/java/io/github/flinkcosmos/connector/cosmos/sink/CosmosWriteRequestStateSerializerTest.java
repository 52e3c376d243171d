package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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
                        request("ü-ñ", Arrays.asList(null, "x"), "{\"id\":\"ü-ñ\",\"n\":1}", 3),
                        CosmosWriteRequest.delete("gone", List.of("tenant"), 1),
                        CosmosWriteRequest.delete("gone-too", Arrays.asList(null, 1.0), 0));
        BufferedRequestState<CosmosWriteRequest> state =
                new BufferedRequestState<>(
                        requests.stream()
                                .map(r -> new RequestEntryWrapper<>(r, r.sizeInBytes()))
                                .toList());

        BufferedRequestState<CosmosWriteRequest> restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactlyElementsOf(requests);
    }

    @Test
    void isAtVersionFourAndRefusesOtherVersions() {
        assertThat(serializer.getVersion()).isEqualTo(4);
        assertThatThrownBy(() -> serializer.deserialize(5, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("state of version 5: this connector reads versions 1 to 4");
    }

    @Test
    void carriesTheVersionOfEachKindAndThePreconditionOfAVersionedWrite() throws IOException {
        byte[] json = "{\"id\":\"w\",\"v\":1}".getBytes(StandardCharsets.UTF_8);
        List<CosmosWriteRequest> requests =
                List.of(
                        request("n", List.of("t"), "{\"id\":\"n\"}", 1)
                                .withVersion(DocumentVersion.of(new java.math.BigDecimal("12.50"))),
                        CosmosWriteRequest.patch("w", List.of("t"), json, 0, 3, 0)
                                .withVersion(DocumentVersion.of(7L))
                                .ifMatch("\"etag-1\"")
                                .nextPart("\"etag-2\""),
                        CosmosWriteRequest.delete("d", List.of("t"), 2)
                                .withVersion(
                                        DocumentVersion.of(java.time.LocalDate.of(2026, 11, 21))),
                        CosmosWriteRequest.softDelete("s", List.of("t"), 0)
                                .withVersion(
                                        DocumentVersion.of(
                                                java.time.LocalDateTime.of(
                                                        2026, 11, 21, 10, 15, 30, 500_000_000))),
                        request("i", List.of("t"), "{\"id\":\"i\"}", 0)
                                .withVersion(
                                        DocumentVersion.of(
                                                java.time.Instant.parse(
                                                        "2026-11-21T10:15:30.123456789Z")))
                                .ifAbsent());
        BufferedRequestState<CosmosWriteRequest> state =
                new BufferedRequestState<>(
                        requests.stream()
                                .map(r -> new RequestEntryWrapper<>(r, r.sizeInBytes()))
                                .toList());

        List<CosmosWriteRequest> restored =
                serializer
                        .deserialize(serializer.getVersion(), serializer.serialize(state))
                        .getBufferedRequestEntries()
                        .stream()
                        .map(RequestEntryWrapper::getRequestEntry)
                        .toList();

        assertThat(restored).containsExactlyElementsOf(requests);
        assertThat(restored.get(1).etag()).isEqualTo("\"etag-2\"");
        assertThat(restored.get(1).part()).isEqualTo(1);
        assertThat(restored.get(3).version().json().asText()).isEqualTo("2026-11-21T10:15:30.5");
    }

    /** Bytes as the version-3 serializer wrote them, before versions: they restore unversioned. */
    @Test
    void restoresVersionThreeStateWithoutVersions() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] json = "{\"id\":\"p\"}".getBytes(StandardCharsets.UTF_8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(-1L);
            out.writeInt(2);
            out.writeLong(json.length);
            out.writeUTF("p");
            out.writeInt(1);
            out.writeInt(1);
            out.writeByte(1);
            out.writeUTF("tenant");
            out.writeInt(json.length);
            out.write(json);
            out.writeByte(3); // a patch
            out.writeInt(1);
            out.writeInt(2);
            out.writeLong(1);
            out.writeUTF("d");
            out.writeInt(0);
            out.writeInt(1);
            out.writeByte(1);
            out.writeUTF("tenant");
            out.writeInt(-1);
            out.writeByte(1); // a delete
        }

        List<CosmosWriteRequest> restored =
                serializer.deserialize(3, bytes.toByteArray()).getBufferedRequestEntries().stream()
                        .map(RequestEntryWrapper::getRequestEntry)
                        .toList();

        assertThat(restored)
                .containsExactly(
                        CosmosWriteRequest.patch("p", List.of("tenant"), json, 1, 2, 1),
                        CosmosWriteRequest.delete("d", List.of("tenant"), 0));
        assertThat(restored).noneMatch(CosmosWriteRequest::isVersioned);
    }

    @Test
    void carriesEveryOperationKindAndThePartOfAPatch() throws IOException {
        byte[] json = "{\"id\":\"w\",\"a\":1}".getBytes(StandardCharsets.UTF_8);
        CosmosWriteRequest patch = CosmosWriteRequest.patch("w", List.of("t"), json, 1, 3, 2);
        List<CosmosWriteRequest> requests =
                List.of(
                        CosmosWriteRequest.write(OperationKind.CREATE, "c", List.of("t"), json, 1),
                        patch,
                        patch.fallback(),
                        CosmosWriteRequest.softDelete("s", List.of(true), 4));
        BufferedRequestState<CosmosWriteRequest> state =
                new BufferedRequestState<>(
                        requests.stream()
                                .map(r -> new RequestEntryWrapper<>(r, r.sizeInBytes()))
                                .toList());

        List<CosmosWriteRequest> restored =
                serializer
                        .deserialize(serializer.getVersion(), serializer.serialize(state))
                        .getBufferedRequestEntries()
                        .stream()
                        .map(RequestEntryWrapper::getRequestEntry)
                        .toList();

        assertThat(restored).containsExactlyElementsOf(requests);
        assertThat(restored.get(2).kind()).isEqualTo(OperationKind.CREATE_MISSING);
        assertThat(restored.get(2).fallback().parts()).isEqualTo(3);
    }

    /** Bytes as the version-2 serializer wrote them: a length of -1 is a delete. */
    @Test
    void restoresVersionTwoStateAsUpsertsAndDeletes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] json = "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(-1L);
            out.writeInt(2);
            out.writeLong(json.length);
            out.writeUTF("a");
            out.writeInt(0);
            out.writeInt(1);
            out.writeByte(1);
            out.writeUTF("tenant");
            out.writeInt(json.length);
            out.write(json);
            out.writeLong(1);
            out.writeUTF("d");
            out.writeInt(1);
            out.writeInt(1);
            out.writeByte(1);
            out.writeUTF("tenant");
            out.writeInt(-1);
        }

        BufferedRequestState<CosmosWriteRequest> restored =
                serializer.deserialize(2, bytes.toByteArray());

        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactly(
                        request("a", List.of("tenant"), "{\"id\":\"a\"}", 0),
                        CosmosWriteRequest.delete("d", List.of("tenant"), 1));
    }

    /** Bytes as the version-1 serializer wrote them, before deletes: they restore as upserts. */
    @Test
    void restoresVersionOneStateAsUpserts() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(-1L); // the AsyncSink serializer's data identifier
            out.writeInt(1); // one request
            byte[] json = "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
            out.writeLong(json.length); // its size in the buffer
            out.writeUTF("a");
            out.writeInt(2); // retries
            out.writeInt(1); // one partition-key component
            out.writeByte(1); // a string
            out.writeUTF("tenant");
            out.writeInt(json.length);
            out.write(json);
        }

        BufferedRequestState<CosmosWriteRequest> restored =
                serializer.deserialize(1, bytes.toByteArray());

        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactly(request("a", List.of("tenant"), "{\"id\":\"a\"}", 2));
        assertThat(restored.getBufferedRequestEntries().get(0).getRequestEntry().kind())
                .isEqualTo(OperationKind.UPSERT);
    }

    private static CosmosWriteRequest request(
            String id, List<Object> partitionKey, String json, int retries) {
        return new CosmosWriteRequest(
                id, partitionKey, json.getBytes(StandardCharsets.UTF_8), retries);
    }
}
