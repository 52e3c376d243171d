package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest.Precondition;
import io.github.flinkcosmos.connector.cosmos.sink.DocumentVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a versioned write does once its document is read. */
class VersionedReadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ROW =
            "{\"id\":\"a\",\"pk\":\"p\",\"v\":5}".getBytes(StandardCharsets.UTF_8);

    private final VersionedReads reads = new VersionedReads("v");

    @Test
    void anOlderDocumentIsWrittenIfItIsStillAsRead() throws Exception {
        CosmosWriteRequest upsert = upsert(5);

        VersionedReads.Decisions decisions = reads.decide(List.of(found(upsert, "{\"v\":4}")));

        assertThat(decisions.writes()).containsExactly(upsert.ifMatch("\"e1\""));
        assertThat(decisions.writes().get(0).precondition()).isEqualTo(Precondition.IF_MATCH);
        assertThat(decisions.stale()).isEmpty();
    }

    @Test
    void anEqualOrNewerDocumentMakesTheWriteStale() throws Exception {
        CosmosWriteRequest equal = upsert(5);
        CosmosWriteRequest older = upsert(3);

        VersionedReads.Decisions decisions =
                reads.decide(List.of(found(equal, "{\"v\":5}"), found(older, "{\"v\":5.0}")));

        assertThat(decisions.stale()).containsExactly(equal, older);
        assertThat(decisions.writes()).isEmpty();
    }

    @Test
    void aDocumentWithoutAVersionIsOlderAndAMissingOneIsCreatedOrAlreadyDeleted() throws Exception {
        CosmosWriteRequest unversioned = upsert(1);
        CosmosWriteRequest missing = upsert(2);
        CosmosWriteRequest delete =
                CosmosWriteRequest.delete("d", List.of("p"), 0).withVersion(DocumentVersion.of(2));

        VersionedReads.Decisions decisions =
                reads.decide(
                        List.of(
                                found(unversioned, "{\"other\":1}"),
                                notFound(missing),
                                notFound(delete)));

        assertThat(decisions.writes())
                .containsExactly(unversioned.ifMatch("\"e1\""), missing.ifAbsent());
        assertThat(decisions.gone()).containsExactly(delete);
    }

    @Test
    void aLaterPatchPartStartsAgainFromTheFirstPartOverAnOlderVersion() throws Exception {
        CosmosWriteRequest part =
                CosmosWriteRequest.patch("a", List.of("p"), ROW, 0, 3, 0)
                        .withVersion(DocumentVersion.of(5))
                        .ifMatch("\"e0\"")
                        .nextPart("\"gone\"")
                        .redecided();

        assertThat(reads.decide(List.of(found(part, "{\"v\":4}"))).writes().get(0).part())
                .as("the version comes with the last part: which parts are in is unknown")
                .isZero();
        assertThat(reads.decide(List.of(found(part, "{\"v\":5}"))).stale())
                .as("the last part of this row, or another writer's same version, is in")
                .containsExactly(part);
        assertThat(reads.decide(List.of(found(part, "{\"v\":6}"))).stale()).containsExactly(part);
    }

    @Test
    void aVersionedPatchKeepsItsRetriesAcrossItsPartsAndItsRestarts() throws Exception {
        CosmosWriteRequest second =
                CosmosWriteRequest.patch("a", List.of("p"), ROW, 0, 3, 0)
                        .withVersion(DocumentVersion.of(5))
                        .ifMatch("\"e0\"")
                        .nextPart("\"e1\"");
        CosmosWriteRequest again =
                reads.decide(List.of(found(second.redecided(), "{\"v\":4}"))).writes().get(0);

        // Another writer came between the parts: from the first part again, one retry used, and
        // the next part still carries it, so two writers cannot keep each other cycling.
        assertThat(again.part()).isZero();
        assertThat(again.retries()).isEqualTo(1);
        assertThat(again.nextPart("\"e2\"").retries()).isEqualTo(1);
    }

    @Test
    void aFailedReadGoesToTheClassifierAndAStoredFieldOfAnotherTypeIsUnreadable() throws Exception {
        CosmosWriteRequest throttled = upsert(5);
        CosmosWriteRequest text = upsert(5);

        VersionedReads.Decisions decisions =
                reads.decide(
                        List.of(
                                new VersionedReads.Read(throttled, true, 503, 0, 0, null, null),
                                found(text, "{\"v\":\"5\"}")));

        assertThat(decisions.failedReads())
                .containsExactly(BatchClassifier.Answer.of(throttled, 503, 0, 0));
        assertThat(decisions.unreadable())
                .extracting(VersionedReads.Unreadable::why)
                .containsExactly(
                        "has a field 'v' that is no version: it holds \"5\", which is not a number"
                                + " version");
    }

    private static CosmosWriteRequest upsert(long version) {
        return new CosmosWriteRequest("a", List.of("p"), ROW, 0)
                .withVersion(DocumentVersion.of(version));
    }

    private static VersionedReads.Read found(CosmosWriteRequest request, String document)
            throws Exception {
        JsonNode stored = JSON.readTree(document);
        return new VersionedReads.Read(request, true, 200, 0, 1, stored, "\"e1\"");
    }

    private static VersionedReads.Read notFound(CosmosWriteRequest request) {
        return new VersionedReads.Read(request, true, 404, 0, 1, null, null);
    }
}
