package io.github.flinkcosmos.codegen.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an entry sits inside the spec, such as {@code options[3].type}: field names and list
 * indexes from the root.
 */
public record SpecPath(List<Object> elements) {

    public static final SpecPath ROOT = new SpecPath(List.of());

    public SpecPath {
        elements = List.copyOf(elements);
    }

    public static SpecPath of(Object... elements) {
        return new SpecPath(List.of(elements));
    }

    public SpecPath field(String name) {
        return append(name);
    }

    public SpecPath index(int index) {
        return append(index);
    }

    private SpecPath append(Object element) {
        List<Object> longer = new ArrayList<>(elements);
        longer.add(element);
        return new SpecPath(longer);
    }

    /** The last field name on the path, skipping list indexes; empty at the root. */
    public String lastFieldName() {
        for (int i = elements.size() - 1; i >= 0; i--) {
            if (elements.get(i) instanceof String name) {
                return name;
            }
        }
        return "";
    }

    @Override
    public String toString() {
        if (elements.isEmpty()) {
            return "(root)";
        }
        StringBuilder text = new StringBuilder();
        for (Object element : elements) {
            if (element instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(element);
            }
        }
        return text.toString();
    }
}
