package io.github.flinkcosmos.chaos;

import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.OperatorStateHandle;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads from a savepoint how many rows the sink writers' state held: the AsyncSink stores its
 * buffered entries in the sink writer operator's {@code writer_raw_states} list, one element per
 * subtask, each a versioned {@code BufferedRequestState} that begins with a marker and the number
 * of entries. Only those two fields are read, so the test depends on no connector class.
 */
final class SavepointSinkState {

    private static final String WRITER_STATE = "writer_raw_states";

    /** The marker AsyncSinkWriterStateSerializer writes before the entry count. */
    private static final long DATA_IDENTIFIER = -1L;

    private SavepointSinkState() {}

    static long bufferedRows(String savepointLocation) throws IOException {
        Path directory = Path.of(URI.create(savepointLocation));
        CheckpointMetadata metadata;
        try (DataInputStream in =
                new DataInputStream(Files.newInputStream(directory.resolve("_metadata")))) {
            metadata =
                    Checkpoints.loadCheckpointMetadata(
                            in, SavepointSinkState.class.getClassLoader(), directory.toString());
        }
        long rows = 0;
        boolean found = false;
        TreeSet<String> names = new TreeSet<>();
        for (OperatorState operator : metadata.getOperatorStates()) {
            for (OperatorSubtaskState subtask : operator.getStates()) {
                for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
                    Map<String, OperatorStateHandle.StateMetaInfo> states =
                            handle.getStateNameToPartitionOffsets();
                    names.addAll(states.keySet());
                    OperatorStateHandle.StateMetaInfo writer = states.get(WRITER_STATE);
                    if (writer != null) {
                        found = true;
                        rows += entries(handle, writer.getOffsets());
                    }
                }
            }
        }
        if (!found) {
            throw new IllegalStateException(
                    "The savepoint %s has no %s state; its operator states are %s"
                            .formatted(savepointLocation, WRITER_STATE, names));
        }
        return rows;
    }

    private static long entries(OperatorStateHandle handle, long[] offsets) throws IOException {
        long entries = 0;
        try (FSDataInputStream stream = handle.openInputStream()) {
            DataInputStream in = new DataInputStream(stream);
            for (long offset : offsets) {
                stream.seek(offset);
                in.readInt(); // BytePrimitiveArraySerializer: the element's length
                in.readInt(); // SimpleVersionedSerialization: the serializer's version
                in.readInt(); // and the payload's length
                long marker = in.readLong();
                if (marker != DATA_IDENTIFIER) {
                    throw new IllegalStateException(
                            "Not a BufferedRequestState: marker " + marker + " at " + offset);
                }
                entries += in.readInt();
            }
        }
        return entries;
    }
}
