package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every manifest in {@code k8s/} is a valid Kubernetes object; each FlinkDeployment validates against the
 * Flink Kubernetes Operator 1.15 CRD schema (strictly: an unknown field is an error, as with
 * {@code kubectl --validate=strict}), targets Flink 2.2 with savepoint upgrades, and its job arguments
 * parse as a {@code gnotify} command line.
 */
class KubernetesManifestsTest {
    static final Path K8S = Path.of(System.getProperty("gnotify.root", "..")).resolve("k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = YAML.getFactory().createParser(f.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
                }
            }
        }
        return docs;
    }

    static JsonSchema flinkDeploymentSchema() throws Exception {
        JsonNode crd = YAML.readTree(K8S.resolve("crds/flinkdeployments.flink.apache.org-v1.yml").toFile());
        JsonNode schema = null;
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals("v1beta1")) {
                schema = v.path("schema").path("openAPIV3Schema").deepCopy();
            }
        }
        assertThat(schema).as("v1beta1 schema in the CRD").isNotNull();
        // Kubernetes itself defines apiVersion, kind and metadata at the top; the CRD covers the rest.
        schema.path("properties").forEach(KubernetesManifestsTest::strict);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    }

    /** Objects with declared properties accept no others, unless Kubernetes keeps unknown fields there. */
    static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.forEach(KubernetesManifestsTest::strict);
        } else if (node != null && node.isArray()) {
            node.forEach(KubernetesManifestsTest::strict);
        }
    }

    @Test
    void everyManifestIsAKubernetesObjectAndTheDeploymentMatchesTheOperatorsCrd() throws Exception {
        List<JsonNode> docs = documents();
        assertThat(docs).extracting(d -> d.path("kind").asText())
                .contains("FlinkDeployment", "PersistentVolumeClaim", "ConfigMap");
        JsonSchema schema = flinkDeploymentSchema();
        for (JsonNode d : docs) {
            assertThat(d.path("apiVersion").asText()).as("apiVersion of %s", d.path("kind")).isNotEmpty();
            assertThat(d.path("metadata").path("name").asText()).as("name of %s", d.path("kind")).isNotEmpty();
            if (!d.path("kind").asText().equals("FlinkDeployment")) {
                continue;
            }
            Set<ValidationMessage> errors = schema.validate(d);
            assertThat(errors).as("CRD validation of %s", d.path("metadata").path("name")).isEmpty();
            JsonNode spec = d.path("spec");
            assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
            assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
            assertThat(spec.path("job").path("jarURI").asText()).startsWith("local:///");
            assertThat(spec.path("flinkConfiguration").path("state.backend.type").asText()).isEqualTo("rocksdb");
            List<String> args = new ArrayList<>();
            spec.path("job").path("args").forEach(a -> args.add(a.asText()));
            CommandLine.ParseResult parsed = GnotifyCommand.commandLine().parseArgs(args.toArray(String[]::new));
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
            assertThat(parsed.subcommand().matchedOptionValue("--volume-info", (Path) null)).isNotNull();
        }
    }

    @Test
    void theStrictSchemaRejectsAMisspelledField() throws Exception {
        JsonNode d = documents().stream().filter(n -> n.path("kind").asText().equals("FlinkDeployment")).findFirst()
                .orElseThrow().deepCopy();
        ((ObjectNode) d.path("spec").path("job")).put("upgradeMod", "savepoint");
        ((ObjectNode) d.path("spec")).put("flinkVersion", "v2_9");
        assertThat(flinkDeploymentSchema().validate(d)).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("upgradeMod")).anyMatch(m -> m.contains("flinkVersion"));
    }
}
