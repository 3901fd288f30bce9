package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufValue;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.model.Model;
import io.quantlens.model.TensorReader;
import io.quantlens.testing.CheckpointFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quantlens compare} on a Llama-shaped F32 GGUF and a quantized copy written with the types
 * the llama-q4_k_m preset picks, but one layer changed to q4_0: the preset is taken from the copy's
 * file type, every other layer agrees with it, and that one is reported.
 */
class CompareCommandTest {
  private static final int HIDDEN = 256;
  private static final String CHANGED = "blk.1.ffn_gate";

  @TempDir Path dir;
  private Path original;
  private Path artifact;

  @BeforeEach
  void write() throws Exception {
    Map<String, float[][]> tensors = new LinkedHashMap<>();
    tensors.put("token_embd.weight", CheckpointFiles.matrix(1, 512, HIDDEN));
    int seed = 2;
    for (int b = 0; b < 2; b++) {
      for (String w : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up")) {
        tensors.put(
            "blk." + b + "." + w + ".weight", CheckpointFiles.matrix(seed++, HIDDEN, HIDDEN));
      }
      tensors.put("blk." + b + ".ffn_down.weight", CheckpointFiles.matrix(seed++, HIDDEN, HIDDEN));
    }
    tensors.put("output.weight", CheckpointFiles.matrix(seed, 512, HIDDEN));
    original = gguf("original.gguf", tensors, Map.of(), 0);
    Model model = ModelFiles.open(original);
    PrecisionPlan plan = PlanPresets.byId("llama-q4_k_m").orElseThrow().planFor(model);
    Map<String, GgmlType> types = new LinkedHashMap<>();
    for (String name : tensors.keySet()) {
      String layer = name.replace(".weight", "");
      types.put(name, GgmlType.valueOf(plan.schemeFor(layer).id().toUpperCase(Locale.ROOT)));
    }
    types.put(CHANGED + ".weight", GgmlType.Q4_0);
    artifact = gguf("q4_k_m.gguf", tensors, types, 15);
  }

  @Test
  void theTablePutsThePresetsPredictionBesideEachLayer() throws Exception {
    Path csv = dir.resolve("compare.csv");
    Path json = dir.resolve("compare.json");
    Cli.Result r = Cli.run("compare", original, artifact, "--csv", csv, "--json", json);
    assertEquals(0, r.exitCode(), r::toString);
    String out = r.out();
    assertTrue(out.lines().anyMatch(l -> l.matches("Matched +16 of 16 layers")), r::toString);
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "Preset +llama-q4_k_m, from the file's own type; 1 layers stored"
                            + " otherwise than predicted")),
        r::toString);
    assertTrue(
        out.lines()
            .anyMatch(l -> l.matches(" +blk\\.1\\.ffn_gate +q4_0 +4\\.500 .* q4_k .* differs")),
        r::toString);
    assertTrue(
        out.lines().anyMatch(l -> l.matches(" +blk\\.1\\.attn_v +q6_k +6\\.563 .* q6_k .* same")),
        r::toString);

    List<String> rows = Files.readAllLines(csv);
    assertEquals(17, rows.size());
    assertEquals(String.join(",", io.quantlens.report.CompareCsv.COLUMNS), rows.get(0));
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode a = root.get("artifacts").get(0);
    assertEquals(1, a.get("prediction_disagreements").asInt());
    for (JsonNode layer : a.get("layers")) {
      JsonNode p = layer.get("prediction");
      boolean changed = layer.get("layer").asText().equals(CHANGED);
      assertEquals(!changed, p.get("agrees").asBoolean(), layer.toString());
      if (!changed) {
        // the artifact holds the blocks QuantLens's ggml port makes: prediction and truth coincide
        assertEquals(layer.get("sqnr_db").asDouble(), p.get("sqnr_db").asDouble(), 1e-9);
      }
    }
  }

  @Test
  void inVietnameseTheHeaderIsTranslatedAndTheNumbersStayNeutral() throws Exception {
    Cli.Result r = Cli.run("--lang=vi", "compare", original, artifact, "--no-prediction");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("Khớp ") && r.out().contains("16 trên 16 lớp"), r::toString);
    assertTrue(
        r.out().lines().anyMatch(l -> l.matches(" +token_embd +q4_k +4\\.500 .*")), r::toString);
    assertTrue(!r.out().contains("Cấu hình sẵn "), r::toString);
  }

  @Test
  void aMappingThatNamesAMissingLayerIsOneLineNamingTheFile() throws Exception {
    Path mapping = dir.resolve("map.csv");
    Files.writeString(mapping, "artifact,original\nblk.0.attn_q,blk.9.attn_q\n");
    Cli.Result r = Cli.run("compare", original, artifact, "--mapping", mapping);
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertEquals(
        "quantlens: " + mapping + ": the original has no layer named blk.9.attn_q\n", r.err());
  }

  @Test
  void anUnknownPresetListsTheKnownOnes() {
    Cli.Result r = Cli.run("compare", original, artifact, "--preset", "q5");
    assertTrue(r.exitCode() != 0, r::toString);
    assertTrue(r.err().contains("unknown preset 'q5'; known: fp32, fp16"), r::toString);
  }

  private Path gguf(
      String name, Map<String, float[][]> tensors, Map<String, GgmlType> types, long ftype)
      throws Exception {
    GgufWriter w =
        new GgufWriter()
            .put("general.architecture", GgufValue.string("llama"))
            .put("general.file_type", GgufValue.uint32(ftype))
            .put("llama.block_count", GgufValue.uint32(2))
            .put("llama.attention.head_count", GgufValue.uint32(4));
    tensors.forEach(
        (n, m) ->
            w.tensorFromFloats(
                n,
                types.getOrDefault(n, GgmlType.F32),
                new long[] {m.length, m[0].length},
                TensorReader.of(CheckpointFiles.flat(m))));
    Path file = dir.resolve(name);
    w.write(file);
    return file;
  }
}
