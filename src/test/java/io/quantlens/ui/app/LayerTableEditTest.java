package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static io.quantlens.ui.app.WorkbenchWindowTest.schemeCell;
import static io.quantlens.ui.app.WorkbenchWindowTest.sqnrCell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeSyntaxException;
import io.quantlens.session.Session;
import io.quantlens.text.Language;
import io.quantlens.text.Numbers;
import io.quantlens.ui.table.LayerRow;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The scheme cell's editable combo, typed schemes, the Custom… entry and multi-row edits. */
class LayerTableEditTest extends WorkbenchTest {
  private static final Numbers NUMBERS = Language.ENGLISH.messages().numbers();
  private static final Scheme CUSTOM = Scheme.parse("int3:g64:asym:mse");
  private static final String BAD = "int3:g64:asym:wat";

  private static Session session;
  private static ModelAnalysis engine;

  /** The engine's numbers for the typed scheme, computed without the window. */
  @BeforeAll
  static void engine() throws Exception {
    session = Session.open(WorkbenchFixture.MNIST);
    engine = session.analyze(new AnalysisOptions(List.of(Scheme.parse("fp32"), CUSTOM), 64, 1));
  }

  @Test
  void aTypedSchemeIsAnalysedAndShowsTheEnginesSqnr(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    String layer = layer(1);
    TableCell<?, ?> scheme = schemeCell(robot, layer);
    robot.doubleClickOn(scheme);
    ComboBox<?> editor = robot.lookup("#schemeEditor").queryAs(ComboBox.class);
    robot.clickOn(editor.lookup(".arrow-button"));
    shoot("edit-combo-groups");
    robot.clickOn(editor.getEditor());
    fx(() -> editor.getEditor().setText(""));
    robot.write(CUSTOM.id()).type(KeyCode.ENTER);
    fixture.waitForIdle();

    double expected =
        engine.layers().stream()
            .filter(l -> l.layer().name().equals(layer))
            .findFirst()
            .orElseThrow()
            .result(CUSTOM)
            .stats()
            .sqnrDb();
    assertEquals(PrecisionPlan.only(layer, CUSTOM), onFx(() -> fixture.app.plans().plan().get()));
    assertEquals(NUMBERS.db(expected), onFx(() -> sqnrCell(robot, layer).getText()));
    assertEquals(CUSTOM.id(), onFx(() -> schemeCell(robot, layer).getText()));
    assertTrue(onFx(() -> fixture.app.workspace().schemes().contains(CUSTOM)));
    assertEquals(List.of(CUSTOM), onFx(() -> List.copyOf(fixture.app.plans().recentSchemes())));

    // The next edit lists the typed scheme under the recent heading; seen in the dark theme too.
    fx(() -> fixture.app.appearance().dark().set(true));
    robot.doubleClickOn(schemeCell(robot, layer(2)));
    @SuppressWarnings("unchecked")
    ComboBox<Object> next = robot.lookup("#schemeEditor").queryAs(ComboBox.class);
    robot.clickOn(next.lookup(".arrow-button"));
    List<String> lines =
        onFx(() -> next.getItems().stream().map(next.getConverter()::toString).toList());
    shoot("edit-combo-groups-dark");
    int recent = lines.indexOf("Used recently");
    assertEquals(CUSTOM.id(), lines.get(recent + 1));
    assertTrue(
        lines.containsAll(List.of("llama.cpp", "OpenVINO NNCF", "Apple MLX", "ONNX Runtime")));
    robot.type(KeyCode.ESCAPE);
  }

  @Test
  void anInvalidTextShowsTheParsersMessageAndLeavesThePlan(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    String layer = layer(1);
    String message =
        assertThrows(SchemeSyntaxException.class, () -> Scheme.parse(BAD)).getMessage();
    for (boolean dark : new boolean[] {false, true}) {
      fx(() -> fixture.app.appearance().dark().set(dark));
      robot.doubleClickOn(schemeCell(robot, layer));
      ComboBox<?> editor = robot.lookup("#schemeEditor").queryAs(ComboBox.class);
      fx(() -> editor.getEditor().setText(""));
      robot.clickOn(editor.getEditor()).write(BAD).type(KeyCode.ENTER);
      fixture.waitForIdle();
      Tooltip error =
          onFx(
              () ->
                  shownError()
                      .orElseThrow(
                          () ->
                              new AssertionError(
                                  javafx.stage.Window.getWindows()
                                      + " editing "
                                      + schemeCell(robot, layer).isEditing()
                                      + " "
                                      + editor.getEditor().getText()
                                      + " "
                                      + editor.getValue())));
      assertEquals(message, onFx(error::getText));
      shoot("edit-error" + (dark ? "-dark" : ""));
      assertEquals(PrecisionPlan.fp32(), onFx(() -> fixture.app.plans().plan().get()));
      assertTrue(onFx(() -> schemeCell(robot, layer).isEditing()), "the edit stays open");
      robot.type(KeyCode.ESCAPE);
      WorkbenchFixture.waitUntil(5, () -> !error.isShowing());
    }
  }

  @Test
  void theInputCellTakesATypedActivationSchemeAndExplainsABadOne(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    String layer = layer(2);
    TableView<LayerRow> table = fixture.app.tableView().table();
    fx(
        () ->
            table.scrollToColumn(
                table.getColumns().stream()
                    .filter(c -> "activationColumn".equals(c.getId()))
                    .findFirst()
                    .orElseThrow()));
    robot.doubleClickOn(WorkbenchWindowTest.cell(robot, layer, "activationColumn"));
    ComboBox<?> editor = robot.lookup("#schemeEditor").queryAs(ComboBox.class);
    List<String> offered = onFx(() -> editor.getItems().stream().map(Object::toString).toList());
    assertTrue(
        offered.stream().anyMatch(s -> s.contains("int8:token:sym:dynamic")), offered.toString());
    fx(() -> editor.getEditor().setText(""));
    robot.clickOn(editor.getEditor()).write("int8:token:static").type(KeyCode.ENTER);
    String message =
        assertThrows(
                IllegalArgumentException.class, () -> ActivationScheme.parse("int8:token:static"))
            .getMessage();
    Tooltip error = onFx(() -> shownError().orElseThrow());
    assertEquals(message, onFx(error::getText));
    assertEquals(PrecisionPlan.fp32(), onFx(() -> fixture.app.plans().plan().get()));

    fx(() -> editor.getEditor().setText(""));
    robot.clickOn(editor.getEditor()).write("int8:token:sym:dynamic").type(KeyCode.ENTER);
    fixture.waitForIdle();
    assertEquals(
        ActivationScheme.parse("int8:token:sym:dynamic"),
        onFx(() -> fixture.app.plans().plan().get().activationFor(layer)));
    assertEquals(
        "int8:token:sym:dynamic",
        onFx(() -> WorkbenchWindowTest.cell(robot, layer, "activationColumn").getText()));
    assertEquals(
        ActivationScheme.NONE,
        onFx(() -> fixture.app.plans().plan().get().activationFor(layer(1))));
  }

  @Test
  void aMouseEditOnAMultiSelectionSetsEverySelectedRow(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    TableView<LayerRow> table = fixture.app.tableView().table();
    fx(() -> table.getSelectionModel().selectIndices(0, 1, 2));
    List<String> selected = onFx(() -> fixture.app.tableView().selectedNames());
    assertEquals(3, selected.size());
    for (boolean dark : new boolean[] {false, true}) {
      fx(() -> fixture.app.appearance().dark().set(dark));
      shoot("multi-selection" + (dark ? "-dark" : ""));
      TableCell<?, ?> name = schemeCell(robot, selected.get(0));
      double contrast = onFx(() -> contrast(name));
      assertTrue(contrast >= 4.5, "selected row text contrast " + contrast + (dark ? " dark" : ""));
    }
    fx(() -> fixture.app.appearance().dark().set(false));

    robot.clickOn(schemeCell(robot, selected.get(1)));
    assertEquals(selected, onFx(() -> fixture.app.tableView().selectedNames()), "kept");
    ComboBox<?> editor = robot.lookup("#schemeEditor").queryAs(ComboBox.class);
    robot.clickOn(editor.lookup(".arrow-button"));
    robot.clickOn(
        robot.lookup(".list-cell").match(n -> "fp16".equals(text(n))).<javafx.scene.Node>query());
    fixture.waitForIdle();

    Scheme fp16 = Scheme.parse("fp16");
    for (String layer : selected) {
      assertEquals(
          fp16,
          onFx(
              () ->
                  fixture.app.tableView().table().getItems().stream()
                      .filter(r -> r.name().equals(layer))
                      .findFirst()
                      .orElseThrow()
                      .scheme()
                      .get()));
      assertEquals(fp16, onFx(() -> fixture.app.plans().plan().get().schemeFor(layer)));
    }
    assertEquals(selected, onFx(() -> fixture.app.tableView().selectedNames()));
  }

  @Test
  void customAsksForASchemeAndOffersTheToolchainGroups(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    TableView<LayerRow> table = fixture.app.tableView().table();
    fx(() -> table.getSelectionModel().selectIndices(0, 1));
    List<String> selected = onFx(() -> fixture.app.tableView().selectedNames());
    fixture.dialogs.answerText("nf5");
    fixture.dialogs.answerText("nf4");
    fx(() -> fixture.app.tableView().askCustomScheme());
    fixture.waitForIdle();
    assertEquals(PrecisionPlan.fp32(), onFx(() -> fixture.app.plans().plan().get()));
    String message =
        assertThrows(SchemeSyntaxException.class, () -> Scheme.parse("nf5")).getMessage();
    assertEquals(message, fixture.dialogs.problems().remove());

    fx(() -> fixture.app.tableView().askCustomScheme());
    fixture.waitForIdle();
    assertEquals("", fixture.dialogs.problems().remove());
    for (String layer : selected) {
      assertEquals(
          Scheme.parse("nf4"), onFx(() -> fixture.app.plans().plan().get().schemeFor(layer)));
    }

    // Monocle makes no context-menu event of a right click: the menu is shown as the table would.
    TableCell<?, ?> cell = schemeCell(robot, selected.get(0));
    fx(() -> table.getContextMenu().show(cell, javafx.geometry.Side.BOTTOM, 0, 0));
    robot.clickOn("Set selected to");
    robot.clickOn("Apple MLX");
    shoot("context-menu-groups");
    fx(() -> table.getContextMenu().hide());
    fx(() -> fixture.app.appearance().dark().set(true));
    fx(() -> table.getContextMenu().show(cell, javafx.geometry.Side.BOTTOM, 0, 0));
    robot.clickOn("Set selected to");
    robot.clickOn("Apple MLX");
    shoot("context-menu-groups-dark");
    robot.clickOn("int4:g64:asym:mlx");
    fixture.waitForIdle();
    for (String layer : selected) {
      assertEquals(
          Scheme.parse("int4:g64:asym:mlx"),
          onFx(() -> fixture.app.plans().plan().get().schemeFor(layer)));
    }
  }

  /** WCAG contrast of a cell's text on its row's background (the cell itself is transparent). */
  private static double contrast(TableCell<?, ?> cell) {
    var fills = cell.getTableRow().getBackground().getFills();
    Color back = (Color) fills.get(fills.size() - 1).getFill();
    Color text = (Color) cell.getTextFill();
    return Contrast.ratio(back, text);
  }

  private void shoot(String name) {
    fixture.screenshotWithPopups("table-" + name);
  }

  private static String text(javafx.scene.Node node) {
    return node instanceof javafx.scene.control.Labeled l ? l.getText() : null;
  }

  /** The scheme cell's error tooltip, when it shows. */
  private static java.util.Optional<Tooltip> shownError() {
    return javafx.stage.Window.getWindows().stream()
        .filter(w -> w instanceof Tooltip t && t.isShowing())
        .map(w -> (Tooltip) w)
        .filter(t -> "schemeError".equals(t.getId()))
        .findFirst();
  }

  private String layer(int index) {
    return onFx(() -> fixture.app.tableView().table().getItems().get(index).name());
  }
}
