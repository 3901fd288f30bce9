package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.LayerMatcher;
import io.quantlens.charts.ChartTable;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.model.Model;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.session.Session;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import io.quantlens.ui.toolchains.ComparedArtifact;
import io.quantlens.ui.toolchains.LayerGrid;
import io.quantlens.ui.toolchains.PresetChoice;
import io.quantlens.ui.toolchains.ToolchainsModel;
import io.quantlens.ui.toolchains.ToolchainsView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * View ▸ Compare with toolchain files… on a tiny Llama-shaped model: an F16 safetensors original, a
 * GGUF F16 artifact of the same seed (the same weights, so every layer exact) and a Q4_K one, each
 * figure in the window checked against {@code Session.compare} run without it.
 */
class ToolchainsWindowTest extends WorkbenchTest {
  private static final long SEED = 3;
  private static final String PRESET = "llama-q4_k_m";

  @TempDir static Path dir;
  private static Path original;
  private static Path f16;
  private static Path q4k;
  private static ArtifactComparison engineQ4k;

  @BeforeAll
  static void models() throws Exception {
    original =
        SyntheticModels.writeSafetensors(
            LlmShape.TINY,
            SyntheticModels.SafetensorsType.F16,
            1,
            SEED,
            dir.resolve("tiny.safetensors"),
            n -> {});
    f16 =
        SyntheticModels.writeGguf(
            LlmShape.TINY, GgmlType.F16, SEED, dir.resolve("tiny-f16.gguf"), n -> {});
    q4k =
        SyntheticModels.writeGguf(
            LlmShape.TINY, GgmlType.Q4_K, SEED, dir.resolve("tiny-q4_k.gguf"), n -> {});
    Session base = Session.open(original);
    Model artifact = Session.open(q4k).model();
    engineQ4k =
        base.compare(
            artifact,
            LayerMatcher.match(base.model(), artifact),
            PlanPresets.byId(PRESET),
            1,
            AnalysisProgress.NONE,
            () -> false);
  }

  @Test
  void twoArtifactsFillTheSummaryTheLayersAndTheChart() throws Exception {
    fixture.open(original);
    Messages m = fixture.app.messages();
    Stage window = openWindowAndCompare(fixture.app);
    ToolchainsModel model = fixture.app.toolchains();
    ToolchainsView view = fixture.app.toolchainsWindow().view();
    assertEquals(
        "QuantLens \u2014 toolchain files against their original \u2014 tiny.safetensors",
        onFx(window::getTitle));

    // The summary: one row per artifact, the Q4_K one's figures the engine's own.
    TableView<ComparedArtifact> summary = view.summary();
    assertEquals(2, onFx(() -> summary.getItems().size()));
    assertEquals("tiny-f16.gguf", summaryCell(summary, 0, "summaryFile"));
    assertEquals("GGUF", summaryCell(summary, 0, "summaryFormat"));
    assertEquals("16.000", summaryCell(summary, 0, "summaryBits"));
    assertEquals("exact", summaryCell(summary, 0, "summarySqnr"));
    assertEquals("16 of 16", summaryCell(summary, 0, "summaryMatched"));
    assertEquals("16", summaryCell(summary, 0, "summaryDiffers"));
    ArtifactComparison shown = onFx(() -> model.artifacts().get(1).comparison());
    assertEquals(engineQ4k.sqnrDb(), shown.sqnrDb());
    assertEquals(engineQ4k.disagreements(), shown.disagreements());
    assertEquals("tiny-q4_k.gguf", summaryCell(summary, 1, "summaryFile"));
    assertEquals("4.500", summaryCell(summary, 1, "summaryBits"));
    assertEquals(
        String.format(java.util.Locale.ENGLISH, "%.2f dB", engineQ4k.sqnrDb()),
        summaryCell(summary, 1, "summarySqnr"));
    assertEquals(m.numbers().bytes(Files.size(q4k)), summaryCell(summary, 1, "summaryFileSize"));
    assertEquals(PRESET, summaryCell(summary, 1, "summaryPreset"));
    assertEquals(
        Long.toString(engineQ4k.disagreements()), summaryCell(summary, 1, "summaryDiffers"));
    assertTrue(engineQ4k.disagreements() > 0, "the Q4_K file differs from Q4_K_M somewhere");

    // The F16 artifact alone: every layer exact, each predicted q4_k or q6_k and so differing.
    fx(() -> summary.getSelectionModel().select(0));
    TableView<LayerGrid.Row> layers = view.layers();
    assertEquals(16, onFx(() -> layers.getItems().size()));
    for (int row = 0; row < 16; row++) {
      assertEquals("exact", layerCell(layers, row, "sqnr-0"));
      assertEquals("16.000", layerCell(layers, row, "bits-0"));
      assertEquals("differs", layerCell(layers, row, "verdict-0"));
    }
    // rows in the original's layer order, whatever order the GGUF file keeps them in
    List<String> originalOrder =
        Session.open(original).model().layers().stream().map(l -> l.name()).toList();
    assertEquals(
        originalOrder,
        onFx(() -> layers.getItems().stream().map(LayerGrid.Row::original).toList()));
    fixture.screenshot("60-toolchains", window);

    // Side by side: the Q4_K artifact's columns beside, its verdicts the engine's.
    fx(() -> view.sideBySide().setSelected(true));
    assertEquals(3, onFx(() -> layers.getColumns().size()));
    long differing = 0;
    for (int row = 0; row < 16; row++) {
      assertEquals("4.500", layerCell(layers, row, "bits-1"));
      if (layerCell(layers, row, "verdict-1").equals("differs")) {
        differing++;
      }
    }
    assertEquals(engineQ4k.disagreements(), differing);
    assertTrue(
        onFx(
            () ->
                layers.lookupAll(".table-row-cell.toolchain-differs").stream()
                    .anyMatch(javafx.scene.Node::isVisible)),
        "rows that differ from the prediction are marked");
    assertTrue(onFx(view::unmatchedText).contains("every layer matched"));
    fixture.screenshot("61-toolchains-side-by-side", window);
    // At 1024×700 the summary's headers wrap and all its columns show without scrolling.
    fx(
        () -> {
          window.setWidth(1024);
          window.setHeight(700);
        });
    fixture.waitForIdle();
    double columnsWidth =
        onFx(() -> summary.getColumns().stream().mapToDouble(c -> c.getWidth()).sum());
    double shownWidth =
        onFx(
            () ->
                summary.lookup(".clipped-container") instanceof javafx.scene.layout.Region r
                    ? r.getWidth()
                    : 0.0);
    System.err.println(
        "WIDTHS "
            + columnsWidth
            + " "
            + shownWidth
            + onFx(
                () ->
                    summary.getColumns().stream()
                        .map(
                            c ->
                                c.getId()
                                    + "="
                                    + c.getMinWidth()
                                    + "/"
                                    + c.getPrefWidth()
                                    + "/"
                                    + c.getWidth())
                        .toList()));
    assertTrue(shownWidth > 900, "the summary spans the window: " + shownWidth);
    assertTrue(
        columnsWidth <= shownWidth + 0.5,
        "every summary column shows: " + columnsWidth + " of " + shownWidth + " pixels");
    fixture.screenshot("61c-toolchains-1024x700", window);
    // The Q4_K artifact alone, a row that agrees and one that differs selected.
    fx(
        () -> {
          view.sideBySide().setSelected(false);
          summary.getSelectionModel().select(1);
        });
    fx(
        () -> {
          layers.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
          layers.getSelectionModel().selectIndices(0, 2);
        });
    fixture.screenshot("61b-toolchains-q4k-selected", window);
    String picked = onFx(() -> layers.getItems().get(2).layer());
    assertEquals(picked, onFx(() -> fixture.app.workspace().selectedLayer().get()));

    // The chart: a series per artifact over the 16 layers, F16's all exact on the top line.
    fx(() -> view.tabs().getSelectionModel().select(1));
    CategoryPlot plot = onFx(() -> view.chart().chart().get().chart().getCategoryPlot());
    assertEquals(2, onFx(() -> plot.getDataset(0).getRowCount()));
    assertEquals(16, onFx(() -> plot.getDataset(0).getColumnCount()));
    for (int c = 0; c < 16; c++) {
      int column = c;
      assertNull(onFx(() -> plot.getDataset(0).getValue(0, column)));
      assertNotNull(onFx(() -> plot.getDataset(1).getValue(0, column)));
      assertNotNull(onFx(() -> plot.getDataset(0).getValue(1, column)));
    }
    ChartTable table = onFx(() -> view.chart().chart().get().table());
    assertEquals(16, table.rowCount());
    assertEquals("inf", table.cell(0, 1));
    for (int row = 0; row < 16; row++) {
      String layer = table.cell(row, 0);
      double engine =
          engineQ4k.layers().stream()
              .filter(l -> l.pairing().originalText().equals(layer))
              .findFirst()
              .orElseThrow()
              .stats()
              .sqnrDb();
      assertEquals(ChartTable.number(engine), table.cell(row, 2), layer);
    }
    fixture.screenshot("62-toolchains-chart", window);
    fx(() -> fixture.app.appearance().dark().set(true));
    fixture.screenshot("65-toolchains-dark-chart", window);
    fx(() -> view.tabs().getSelectionModel().select(0));
    fixture.screenshot("66-toolchains-dark", window);

    // Removing an artifact drops its row and its series.
    fx(() -> model.remove(model.artifacts().get(0)));
    assertEquals(1, onFx(() -> summary.getItems().size()));
    assertEquals(
        1,
        onFx(
            () ->
                view.chart().chart().get().chart().getCategoryPlot().getDataset(0).getRowCount()));
  }

  @Test
  void aCancelledComparisonLeavesNoRowAndABrokenFileOneNotice() throws Exception {
    fixture.open(original);
    ToolchainsModel model = fixture.app.toolchains();
    fx(fixture.app::showToolchains);
    // Cancel once the comparison reports progress: it is under way, or its result not yet taken.
    java.util.concurrent.atomic.AtomicBoolean cancelledOnce =
        new java.util.concurrent.atomic.AtomicBoolean();
    fx(
        () -> {
          model
              .comparing()
              .addListener(
                  (obs, old, task) -> {
                    if (task != null) {
                      task.progressProperty()
                          .addListener(
                              (o, before, now) -> {
                                if (now.doubleValue() > 0
                                    && model.comparing().get() == task
                                    && cancelledOnce.compareAndSet(false, true)) {
                                  model.cancel();
                                }
                              });
                    }
                  });
          model.add(List.of(q4k, f16));
        });
    WorkbenchFixture.waitUntil(60, () -> model.comparing().get() == null);
    fixture.waitForIdle();
    assertTrue(cancelledOnce.get(), "cancelled while the comparison ran");
    assertEquals(0, onFx(() -> model.artifacts().size()));
    assertNull(onFx(() -> model.comparing().get()));
    assertEquals("Comparison of tiny-q4_k.gguf cancelled", onFx(() -> model.status().get()));

    Path broken = Files.writeString(dir.resolve("broken.gguf"), "not a GGUF file");
    fx(() -> model.add(List.of(broken)));
    WorkbenchFixture.waitUntil(60, () -> model.comparing().get() == null);
    fixture.waitForIdle();
    assertTrue(cancelledOnce.get(), "cancelled while the comparison ran");
    assertEquals(0, onFx(() -> model.artifacts().size()));
    String error = onFx(() -> fixture.app.services().notices().lastError().get());
    assertTrue(error.startsWith("Cannot compare broken.gguf: "), error);
    assertEquals("broken.gguf could not be compared", onFx(() -> model.status().get()));

    // A mapping file that is not one: a notice naming it, and the mapping stays unset.
    Path badMapping = Files.writeString(dir.resolve("bad-mapping.csv"), "a,b\nx,y\n");
    fx(() -> model.setMapping(badMapping));
    String mappingError = onFx(() -> fixture.app.services().notices().lastError().get());
    assertTrue(
        mappingError.startsWith("Cannot use the layer mapping bad-mapping.csv: "), mappingError);
    assertNull(onFx(() -> model.mappingFile().get()));
    // A good one is used by the next comparison: the mapped layer is matched by it, still exact.
    Path mapping =
        Files.writeString(
            dir.resolve("mapping.csv"),
            "artifact,original\nblk.0.attn_v,model.layers.0.self_attn.v_proj\n");
    fx(() -> model.setMapping(mapping));
    assertEquals(mapping, onFx(() -> model.mappingFile().get()));
    fx(() -> model.add(List.of(f16)));
    WorkbenchFixture.waitUntil(60, () -> model.artifacts().size() == 1);
    fixture.waitForIdle();
    var mapped =
        onFx(
            () ->
                model.artifacts().get(0).comparison().layers().stream()
                    .filter(l -> l.pairing().artifact().name().equals("blk.0.attn_v"))
                    .findFirst()
                    .orElseThrow());
    assertEquals(io.quantlens.analysis.compare.LayerPairing.Match.MAPPING, mapped.pairing().how());
    assertEquals(Double.POSITIVE_INFINITY, mapped.stats().sqnrDb());

    // Add folder… takes a model folder: the one GGUF file it holds is compared.
    Path folder = Files.createDirectories(dir.resolve("q4k-folder"));
    Files.copy(q4k, folder.resolve("model-q4_k.gguf"), StandardCopyOption.REPLACE_EXISTING);
    fixture.dialogs.answerFolder(folder);
    javafx.scene.control.Button addFolder =
        onFx(
            () ->
                (javafx.scene.control.Button)
                    fixture
                        .app
                        .toolchainsWindow()
                        .stage()
                        .getScene()
                        .lookup("#toolchainsAddFolder"));
    fx(addFolder::fire);
    WorkbenchFixture.waitUntil(60, () -> model.artifacts().size() == 2);
    fixture.waitForIdle();
    assertEquals("model-q4_k.gguf", onFx(() -> model.artifacts().get(1).name()));
    assertEquals(engineQ4k.sqnrDb(), onFx(() -> model.artifacts().get(1).comparison().sqnrDb()));

    // Another model opened: the rows were about the old one and go.
    fixture.open(WorkbenchFixture.MNIST);
    assertEquals(0, onFx(() -> model.artifacts().size()));
    assertNull(onFx(() -> model.original().get()));
    assertEquals(0, onFx(() -> fixture.app.toolchainsWindow().view().layers().getItems().size()));
  }

  @Test
  void theLanguageSwitchRelabelsTheWindowAndKeepsItsArtifacts() throws Exception {
    fixture.open(original);
    openWindowAndCompare(fixture.app);
    Stage stage = onFx(() -> (Stage) fixture.app.root().getScene().getWindow());
    Workbench vietnamese = LanguageSwitchTest.switchTo(fixture, stage, Language.VIETNAMESE);
    Messages vi = Language.VIETNAMESE.messages();
    Stage window = onFx(() -> vietnamese.toolchainsWindow().stage());
    assertNotNull(window);
    assertTrue(onFx(window::isShowing));
    assertEquals(vi.get("toolchains.titleWith", "tiny.safetensors"), onFx(window::getTitle));
    ToolchainsView view = onFx(() -> vietnamese.toolchainsWindow().view());
    assertEquals(2, onFx(() -> view.summary().getItems().size()));
    assertEquals("4,500", summaryCell(view.summary(), 1, "summaryBits"));
    assertEquals(
        String.format(java.util.Locale.forLanguageTag("vi"), "%.2f dB", engineQ4k.sqnrDb()),
        summaryCell(view.summary(), 1, "summarySqnr"));
    assertEquals("16 trên 16", summaryCell(view.summary(), 1, "summaryMatched"));
    // the preset chosen before the switch is still the one shown and used
    PresetChoice shownPreset =
        onFx(
                    () ->
                        ((javafx.scene.control.ComboBox<?>)
                                window.getScene().lookup("#toolchainsPreset"))
                            .getValue())
                instanceof PresetChoice c
            ? c
            : null;
    assertEquals(PRESET, shownPreset.preset().id());
    assertEquals(shownPreset, onFx(() -> vietnamese.toolchains().preset().get()));
    fx(() -> view.sideBySide().setSelected(true));
    assertEquals(
        List.of(), onFx(() -> LanguageSwitchTest.englishTexts(window.getScene().getRoot())));
    fixture.screenshot("63-toolchains-vi", window);
    fx(() -> view.tabs().getSelectionModel().select(1));
    assertEquals(
        List.of(), onFx(() -> LanguageSwitchTest.englishTexts(window.getScene().getRoot())));
    fixture.screenshot("64-toolchains-vi-chart", window);
  }

  /** Opens the window, chooses the Q4_K_M preset and adds both artifacts through its model. */
  private Stage openWindowAndCompare(Workbench app) throws Exception {
    // through View ▸ Compare with toolchain files…, whose shortcut the shortcut list shows
    javafx.scene.control.MenuBar bar =
        onFx(() -> (javafx.scene.control.MenuBar) app.root().lookup("#menuBar"));
    javafx.scene.control.MenuItem item =
        onFx(
            () ->
                bar.getMenus().stream()
                    .flatMap(menu -> menu.getItems().stream())
                    .filter(i -> "toolchainsMenu".equals(i.getId()))
                    .findFirst()
                    .orElseThrow());
    assertTrue(
        onFx(() -> io.quantlens.ui.help.Shortcut.in(bar)).stream()
            .anyMatch(sc -> sc.action().equals(item.getText())));
    fx(item::fire);
    ToolchainsModel model = app.toolchains();
    PlanPreset preset = PlanPresets.byId(PRESET).orElseThrow();
    fx(() -> model.setPreset(PresetChoice.of(preset)));
    fx(() -> model.add(List.of(f16, q4k)));
    WorkbenchFixture.waitUntil(
        120, () -> model.artifacts().size() == 2 && model.comparing().get() == null);
    fixture.waitForIdle();
    return onFx(() -> app.toolchainsWindow().stage());
  }

  private static String summaryCell(TableView<ComparedArtifact> table, int row, String id) {
    return onFx(() -> column(table, id).getCellData(row).toString());
  }

  private static String layerCell(TableView<LayerGrid.Row> table, int row, String id) {
    return onFx(() -> column(table, id).getCellData(row).toString());
  }

  private static <S> TableColumn<S, ?> column(TableView<S> table, String id) {
    return flat(table.getColumns()).stream()
        .filter(c -> id.equals(c.getId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + id));
  }

  private static <S> List<TableColumn<S, ?>> flat(List<TableColumn<S, ?>> columns) {
    List<TableColumn<S, ?>> all = new java.util.ArrayList<>();
    for (TableColumn<S, ?> c : columns) {
      all.add(c);
      all.addAll(flat(c.getColumns()));
    }
    return all;
  }
}
