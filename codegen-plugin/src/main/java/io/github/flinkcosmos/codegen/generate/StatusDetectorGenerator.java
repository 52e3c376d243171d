package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.StatusCodeRange;
import io.github.flinkcosmos.codegen.spec.StatusRule;

import javax.lang.model.element.Modifier;

/** Generates {@code DefaultCosmosRequestStatusDetector} from the status classification table. */
public final class StatusDetectorGenerator {

    private final ConnectorSpec spec;
    private final JavaTargets targets;

    public StatusDetectorGenerator(ConnectorSpec spec, JavaTargets targets) {
        this.spec = spec;
        this.targets = targets;
    }

    public GeneratedFile generate() {
        ClassName detector = targets.statusDetectorClass();
        ClassName classification = targets.requestClassification();
        MethodSpec.Builder classify =
                MethodSpec.methodBuilder("classify")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(classification)
                        .addParameter(int.class, "statusCode")
                        .addParameter(int.class, "subStatusCode");
        for (StatusRule rule : spec.statusClassification().rules()) {
            boolean alone = rule.codes().size() == 1;
            CodeBlock condition =
                    rule.codes().stream()
                            .map(range -> condition(range, alone))
                            .collect(CodeBlock.joining(" || "));
            classify.beginControlFlow("if ($L)", condition)
                    .addStatement("return $T.$L", classification, rule.statusClass().name())
                    .endControlFlow();
        }
        classify.addStatement(
                "return $T.$L", classification, spec.statusClassification().defaultClass().name());
        TypeSpec type =
                TypeSpec.classBuilder(detector)
                        .addJavadoc(
                                "Classifies each operation by its HTTP status code alone, as the"
                                        + " status table of the reference docs says; codes no rule"
                                        + " covers are $L.\n",
                                spec.statusClassification().defaultClass().name())
                        .addAnnotation(Flink.PUBLIC_EVOLVING)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addSuperinterface(targets.statusDetectorInterface())
                        .addMethod(classify.build())
                        .build();
        return JavaFiles.write(spec, detector.packageName(), type);
    }

    private static CodeBlock condition(StatusCodeRange range, boolean alone) {
        if (range.isSingleCode()) {
            return CodeBlock.of("statusCode == $L", range.first());
        }
        CodeBlock between =
                CodeBlock.of("statusCode >= $L && statusCode <= $L", range.first(), range.last());
        return alone ? between : CodeBlock.of("($L)", between);
    }
}
