package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Patch operations on paths, as the service applies them. */
class DocumentPatchTest {

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static String patched(String document, String operations) throws IOException {
        return DocumentPatch.parse(json("{'operations':" + operations + "}"))
                .applyTo(json(document))
                .toString()
                .replace('"', '\'');
    }

    @Test
    void addsIntoArraysAppendsMovesAndLeavesTheOriginalAlone() throws IOException {
        ObjectNode original = json("{'id':'a','t':['x'],'m':1}");

        ObjectNode result =
                DocumentPatch.parse(
                                json(
                                        "{'operations':[{'op':'add','path':'/t/-','value':'z'},"
                                                + "{'op':'add','path':'/t/0','value':'w'},"
                                                + "{'op':'move','from':'/m','path':'/n'}]}"))
                        .applyTo(original);

        assertThat(result.toString().replace('"', '\''))
                .isEqualTo("{'id':'a','t':['w','x','z'],'n':1}");
        assertThat(original.toString().replace('"', '\'')).isEqualTo("{'id':'a','t':['x'],'m':1}");
    }

    @Test
    void setsAnArrayElementAndIncrementsIntegersExactly() throws IOException {
        assertThat(
                        patched(
                                "{'t':[1,2],'n':9007199254740993}",
                                "[{'op':'set','path':'/t/1','value':5},"
                                        + "{'op':'incr','path':'/n','value':1}]"))
                .isEqualTo("{'t':[1,5],'n':9007199254740994}");
    }

    @Test
    void refusesTheIdAMissingParentAndAnUnknownOperation() {
        assertThatThrownBy(() -> patched("{}", "[{'op':'set','path':'/id','value':'b'}]"))
                .hasMessageContaining("The id of a document cannot be patched");
        assertThatThrownBy(() -> patched("{}", "[{'op':'set','path':'/a/b','value':1}]"))
                .hasMessageContaining("The parent of patch path /a/b does not exist");
        assertThatThrownBy(() -> patched("{}", "[{'op':'copy','path':'/a','value':1}]"))
                .hasMessageContaining("Unsupported patch operation 'copy'");
        assertThatThrownBy(() -> patched("{'s':'x'}", "[{'op':'incr','path':'/s','value':1}]"))
                .hasMessageContaining("finds no number there");
    }
}
