package io.github.flinkcosmos.embedded.partitions;

/**
 * How a container turns a partition-key value into an effective partition key: the partition-key
 * definition's kind and version.
 */
public enum PartitioningScheme {
    /** {@code Hash}, version 1: a 32-bit MurmurHash3 of the value, strings cut to 100 chars. */
    HASH_V1,
    /** {@code Hash}, version 2 (the "large" partition key): a 128-bit MurmurHash3. */
    HASH_V2,
    /** {@code MultiHash} (hierarchical keys): a 128-bit MurmurHash3 per level, concatenated. */
    MULTI_HASH
}
