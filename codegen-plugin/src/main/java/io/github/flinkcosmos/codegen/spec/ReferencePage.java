package io.github.flinkcosmos.codegen.spec;

import java.util.List;

/**
 * The outline of the generated reference page.
 *
 * @param fileName the base name of the generated files, without extension
 */
public record ReferencePage(String fileName, List<Section> sections) {

    public ReferencePage {
        sections = List.copyOf(sections);
    }

    /** A titled section made of fragments and generated blocks, in order. */
    public record Section(String title, List<Block> content) {
        public Section {
            content = List.copyOf(content);
        }
    }

    /** One piece of a section. */
    public sealed interface Block permits Fragment, Generated {}

    /** Hand-written Markdown, read from a file next to the spec. */
    public record Fragment(String path, String markdown) implements Block {}

    /** A block the docs generator renders from the spec. */
    public record Generated(GeneratedBlock kind) implements Block {}

    /** The blocks the docs generator knows how to render. */
    public enum GeneratedBlock {
        OPTIONS,
        DDL_CONSTRAINTS,
        RETRY_BACKOFF,
        STATUS_CLASSIFICATION,
        METRICS,
        TYPE_MAPPING,
        SERVICE_LIMITS
    }
}
