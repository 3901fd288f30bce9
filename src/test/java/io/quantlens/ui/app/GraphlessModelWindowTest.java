package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static io.quantlens.ui.app.WorkbenchWindowTest.valueText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.Workload;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import io.quantlens.text.Language;
import io.quantlens.text.Numbers;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.table.LayerRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * GGUF and safetensors files, which hold weights without a graph: the table with the stored types,
 * the accuracy tile that asks for ONNX, the model information dialog, and llama.cpp's Q4_K_M.
 */
class GraphlessModelWindowTest extends WorkbenchTest {
  private static final Numbers NUMBERS = Language.ENGLISH.messages().numbers();
  private static final Scheme Q4_K = Scheme.parse("q4_k");
  private static final Scheme Q6_K = Scheme.parse("q6_k");

  @TempDir Path temp;

  @Test
  void aGgufFileShowsItsStoredTypesItsFactsAndLlamaCppsQ4KmPlan(FxRobot robot) throws Exception {
    Path file = LlamaFiles.gguf(temp);
    fixture.open(file);
    Workbench app = fixture.app;

    List<String> expected = new ArrayList<>();
    expected.add("token_embd");
    for (int b = 0; b < LlamaFiles.GGUF_BLOCKS; b++) {
      for (String w : LlamaFiles.GGUF_BLOCK_WEIGHTS) {
        expected.add("blk." + b + "." + w);
      }
    }
    expected.add("output");
    assertEquals(expected, rowNames());
    Map<String, String> stored = storedTypes();
    assertEquals("f32", stored.get("token_embd"));
    assertEquals("q4_k", stored.get("blk.0.attn_q"));
    assertEquals("q4_k", stored.get("blk.1.attn_q"));
    assertEquals("q8_0", stored.get("blk.0.ffn_down"));
    assertEquals("f32", stored.get("blk.2.attn_q"));
    assertEquals("f16", stored.get("output"));
    assertEquals("q4_k", WorkbenchWindowTest.cell(robot, "blk.0.attn_q", "storedColumn").getText());
    assertEquals(
        "q8_0", WorkbenchWindowTest.cell(robot, "blk.0.ffn_down", "storedColumn").getText());

    assertNeedsOnnx(robot);
    assertTrue(
        valueText(robot, "#sizeTileComparison").contains("of the plan, not the file"),
        valueText(robot, "#sizeTileComparison"));
    fixture.screenshot("08-gguf-opened");

    robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
    WorkbenchFixture.waitUntil(5, () -> !robot.lookup("#modelFacts").queryAll().isEmpty());
    Map<String, String> facts = facts(robot);
    assertEquals("llama", facts.get("Architecture"));
    assertEquals(Integer.toString(LlamaFiles.CONTEXT_LENGTH), facts.get("Context length"));
    assertEquals(LlamaFiles.FILE_TYPE_Q4_K_M + " (MOSTLY_Q4_K_M)", facts.get("File type"));
    assertEquals(
        Integer.toString(LlamaFiles.QUANTIZATION_VERSION), facts.get("Quantization version"));
    assertEquals(
        String.format(java.util.Locale.ROOT, "%,d bytes", Files.size(file)),
        facts.get("File size"));
    assertEquals(
        "FLOAT32: 13,911,040 bytes; FLOAT16: 131,072 bytes; Q8_0: 139,264 bytes;"
            + " Q4_K: 73,728 bytes",
        facts.get("Stored as"),
        "by hand: 53 F32 matrices of 256 × 256 and 17 norms of 256, one F16 256 × 256, two Q8_0"
            + " (34 bytes per 32) and two Q4_K (144 bytes per 256) matrices");
    Set<String> keys = metadataKeys(robot);
    assertEquals(
        Set.of(
            "general.architecture",
            "general.name",
            "general.file_type",
            "general.quantization_version",
            "llama.context_length",
            "llama.block_count",
            "llama.embedding_length"),
        keys,
        "the file's own keys, not the reader's summary");
    fixture.screenshotPopup("09-gguf-model-info");
    closeDialog(robot);

    fx(() -> app.actions().applyPreset(PlanPresets.byId("llama-q4_k_m").orElseThrow()));
    WorkbenchFixture.waitUntil(120, () -> !PrecisionPlan.fp32().equals(app.plans().plan().get()));
    fixture.waitForIdle();
    // use_more_bits(i, 8): i < 1 || i >= 7 || (i - 1) % 3 == 2, true for blocks 0, 3, 6 and 7.
    Set<Integer> moreBits = Set.of(0, 3, 6, 7);
    PrecisionPlan plan = onFx(() -> app.plans().plan().get());
    for (String layer : expected) {
      int block = layer.startsWith("blk.") ? Integer.parseInt(layer.split("\\.")[1]) : -1;
      boolean sixBit =
          layer.equals("output")
              || (moreBits.contains(block)
                  && (layer.endsWith(".attn_v") || layer.endsWith(".ffn_down")));
      assertEquals(sixBit ? Q6_K : Q4_K, plan.schemeFor(layer), layer);
    }
    assertSizeTileIsTheEngines(robot, file, plan);
    assertEquals("q6_k", WorkbenchWindowTest.schemeCell(robot, "blk.0.attn_v").getText());
  }

  @Test
  void aSafetensorsFileInHalfPrecisionTakesLlamaCppsQ4KmPlan(FxRobot robot) throws Exception {
    Path file = LlamaFiles.safetensors(temp);
    fixture.open(file);
    Workbench app = fixture.app;

    List<String> expected = new ArrayList<>(List.of("lm_head", "model.embed_tokens"));
    for (int b = 0; b < LlamaFiles.SAFETENSORS_BLOCKS; b++) {
      for (String w : LlamaFiles.HF_BLOCK_WEIGHTS) {
        expected.add("model.layers." + b + "." + w);
      }
    }
    assertEquals(expected, rowNames(), "natural order: lm_head sorts before model.*");
    Map<String, String> stored = storedTypes();
    assertEquals("f16", stored.get("model.embed_tokens"));
    assertEquals("f16", stored.get("model.layers.0.self_attn.q_proj"));
    assertEquals("bf16", stored.get("model.layers.0.mlp.down_proj"));
    assertEquals("bf16", stored.get("lm_head"));
    assertEquals(
        "f16", WorkbenchWindowTest.cell(robot, "model.embed_tokens", "storedColumn").getText());
    assertNeedsOnnx(robot);

    fx(() -> app.actions().applyPreset(PlanPresets.byId("llama-q4_k_m").orElseThrow()));
    WorkbenchFixture.waitUntil(120, () -> !PrecisionPlan.fp32().equals(app.plans().plan().get()));
    fixture.waitForIdle();
    // use_more_bits(i, 4): i < 0 || i >= 3 || i % 3 == 2, true for blocks 2 and 3.
    Set<String> sixBit =
        Set.of(
            "lm_head",
            "model.layers.2.self_attn.v_proj",
            "model.layers.2.mlp.down_proj",
            "model.layers.3.self_attn.v_proj",
            "model.layers.3.mlp.down_proj");
    PrecisionPlan plan = onFx(() -> app.plans().plan().get());
    for (String layer : expected) {
      assertEquals(sixBit.contains(layer) ? Q6_K : Q4_K, plan.schemeFor(layer), layer);
    }
    assertSizeTileIsTheEngines(robot, file, plan);
    fx(() -> app.workspace().select("model.layers.2.self_attn.v_proj"));
    fixture.waitForIdle();
    fixture.screenshot("10-safetensors-q4_k_m");

    fx(() -> app.appearance().dark().set(true));
    fixture.waitForIdle();
    fixture.screenshot("11-safetensors-q4_k_m-dark");
    fx(app::showModelInfo);
    WorkbenchFixture.waitUntil(5, () -> !robot.lookup("#modelFacts").queryAll().isEmpty());
    assertEquals("safetensors", facts(robot).get("Format"));
    fixture.screenshotPopup("12-safetensors-model-info-dark");
    closeDialog(robot);
  }

  private void assertNeedsOnnx(FxRobot robot) {
    Workbench app = fixture.app;
    assertEquals("not measurable", valueText(robot, "#accuracyTileValue"));
    assertTrue(
        valueText(robot, "#accuracyTileComparison").contains("needs an ONNX model"),
        valueText(robot, "#accuracyTileComparison"));
    assertTrue(onFx(() -> app.accuracy().problem().get()).contains("needs an ONNX model"));
    Button sensitivity =
        robot.lookup(".tool-bar .button").queryAllAs(Button.class).stream()
            .filter(b -> "Sensitivity".equals(b.getText()))
            .findFirst()
            .orElseThrow();
    assertTrue(onFx(sensitivity::isDisabled), "the sensitivity scan needs a graph too");
  }

  /** The size tile against an independent session's cost of the same plan. */
  private void assertSizeTileIsTheEngines(FxRobot robot, Path file, PrecisionPlan plan)
      throws Exception {
    Session session = Session.open(file);
    assertEquals(plan, PlanPresets.byId("llama-q4_k_m").orElseThrow().planFor(session.model()));
    double bytes =
        session
            .cost(
                Workload.defaults(),
                plan,
                HardwareProfiles.builtIn().byId(CostState.DEFAULT_HARDWARE).orElseThrow(),
                CostAssumptions.defaults())
            .plan()
            .modelBytes();
    assertEquals(NUMBERS.bytes(bytes), valueText(robot, "#sizeTileValue"));
  }

  private List<String> rowNames() {
    return onFx(() -> fixture.app.tableModel().rows().stream().map(LayerRow::name).toList());
  }

  private Map<String, String> storedTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    onFx(() -> fixture.app.tableModel().rows()).forEach(r -> types.put(r.name(), r.stored()));
    return types;
  }

  /** The dialog's facts, label to value; a row without a label continues the one above. */
  private static Map<String, String> facts(FxRobot robot) {
    GridPane grid = robot.lookup("#modelFacts").queryAs(GridPane.class);
    return onFx(
        () -> {
          Map<String, String> facts = new LinkedHashMap<>();
          List<Node> cells = grid.getChildren();
          String key = null;
          for (int i = 0; i + 1 < cells.size(); i += 2) {
            String label = ((Label) cells.get(i)).getText();
            key = label.isEmpty() ? key : label;
            String value = ((Label) cells.get(i + 1)).getText();
            facts.merge(key, value, (a, b) -> a + "; " + b);
          }
          return facts;
        });
  }

  private static Set<String> metadataKeys(FxRobot robot) {
    TableView<?> table = robot.lookup("#metadataTable").queryAs(TableView.class);
    return onFx(
        () -> {
          Set<String> keys = new java.util.TreeSet<>();
          for (Object row : table.getItems()) {
            keys.add(((Map.Entry<?, ?>) row).getKey().toString());
          }
          return keys;
        });
  }

  private static void closeDialog(FxRobot robot) {
    fx(
        () -> {
          List<Window> windows = List.copyOf(Window.getWindows());
          windows.get(windows.size() - 1).hide();
        });
  }
}
