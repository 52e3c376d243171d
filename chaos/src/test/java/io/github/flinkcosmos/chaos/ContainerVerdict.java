package io.github.flinkcosmos.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a container compares with the table it should hold: every id present at its last version with
 * its payload, every deleted id absent.
 *
 * @param lost ids that should be present and are not
 * @param stale ids present with an older version or a wrong payload
 * @param resurrected ids present that should have been deleted (or never existed)
 * @param examples the first few differences, for the assertion message
 */
record ContainerVerdict(
        int expectedPresent,
        int documents,
        int lost,
        int stale,
        int resurrected,
        List<String> examples) {

    private static final int EXAMPLES = 10;

    static ContainerVerdict compare(Map<String, Integer> expected, List<JsonNode> documents) {
        List<String> examples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int stale = 0;
        int resurrected = 0;
        for (JsonNode document : documents) {
            String id = document.get("id").asText();
            seen.add(id);
            Integer version = expected.get(id);
            if (version == null) {
                resurrected++;
                note(
                        examples,
                        "id %s is present (version %s) but deleted",
                        id,
                        document.get("version"));
                continue;
            }
            long numericId = Long.parseLong(id);
            boolean right =
                    document.path("version").asInt(-1) == version
                            && document.path("payload")
                                    .asText()
                                    .equals(ChangelogWorkload.payload(numericId, version));
            if (!right) {
                stale++;
                note(examples, "id %s is %s, expected version %d", id, document, version);
            }
        }
        int lost = 0;
        for (String id : expected.keySet()) {
            if (!seen.contains(id)) {
                lost++;
                note(examples, "id %s is missing, expected version %d", id, expected.get(id));
            }
        }
        return new ContainerVerdict(
                expected.size(), documents.size(), lost, stale, resurrected, List.copyOf(examples));
    }

    boolean exact() {
        return lost == 0 && stale == 0 && resurrected == 0 && documents == expectedPresent;
    }

    private static void note(List<String> examples, String format, Object... arguments) {
        if (examples.size() < EXAMPLES) {
            examples.add(format.formatted(arguments));
        }
    }
}
