package io.github.flinkcosmos.codegen.load;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a spec cannot be used; carries every problem found, in file order. */
public final class SpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(describe(problems));
        this.problems =
                problems.stream().sorted(SpecProblem.IN_FILE_ORDER).collect(Collectors.toList());
    }

    public List<SpecProblem> problems() {
        return List.copyOf(problems);
    }

    private static String describe(List<SpecProblem> problems) {
        String lines =
                problems.stream()
                        .sorted(SpecProblem.IN_FILE_ORDER)
                        .map(problem -> "  " + problem)
                        .collect(Collectors.joining("\n"));
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "The connector spec has " + count + ":\n" + lines;
    }
}
