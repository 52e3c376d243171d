package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.StatusCodeRange;
import io.github.flinkcosmos.codegen.spec.StatusOverride;
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
        ClassName operationKind = ClassName.get(detector.packageName(), "OperationKind");
        MethodSpec.Builder overrideFor =
                MethodSpec.methodBuilder("overrideFor")
                        .addJavadoc(
                                "The classification the status table gives this operation kind and"
                                        + " status before its rules, or null when it gives none.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(classification)
                        .addParameter(operationKind, "kind")
                        .addParameter(int.class, "statusCode")
                        .addParameter(int.class, "subStatusCode");
        for (StatusOverride override : spec.statusClassification().overrides()) {
            boolean alone = override.codes().size() == 1;
            CodeBlock codes =
                    override.codes().stream()
                            .map(range -> condition(range, alone))
                            .collect(CodeBlock.joining(" || "));
            CodeBlock condition =
                    CodeBlock.of(
                            "kind == $T.$L && $L",
                            operationKind,
                            override.operationConstant(),
                            alone ? codes : CodeBlock.of("($L)", codes));
            if (override.subStatus().isPresent()) {
                condition =
                        CodeBlock.of(
                                "$L && subStatusCode == $L", condition, override.subStatus().get());
            }
            overrideFor
                    .beginControlFlow("if ($L)", condition)
                    .addStatement("return $T.$L", classification, override.statusClass().name())
                    .endControlFlow();
        }
        overrideFor.addStatement("return null");
        TypeSpec type =
                TypeSpec.classBuilder(detector)
                        .addJavadoc(
                                "Classifies each operation by its HTTP status code, as the status"
                                        + " table of the reference docs says; codes no rule covers"
                                        + " are $L. The overrides per operation kind are in {@link"
                                        + " #overrideFor}, which the interface's default method"
                                        + " applies first.\n",
                                spec.statusClassification().defaultClass().name())
                        .addAnnotation(Flink.PUBLIC_EVOLVING)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addSuperinterface(targets.statusDetectorInterface())
                        .addMethod(classify.build())
                        .addMethod(overrideFor.build())
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
