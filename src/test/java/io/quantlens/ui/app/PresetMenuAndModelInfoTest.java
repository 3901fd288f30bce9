package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import io.quantlens.session.ModelFacts;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Issue 15, items 6 and 12: the preset menus, the plan in the status bar, model information. */
class PresetMenuAndModelInfoTest extends WorkbenchTest {
  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");

  @Test
  void presetItemsKeepTheirUnderscoresAndSayWhatTheyImitateAndWhere(FxRobot robot)
      throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    PlanPreset q40 = PlanPresets.byId("llama-q4_0").orElseThrow();
    MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
    Menu presets =
        onFx(
            () ->
                (Menu)
                    menu(bar, "Plan").getItems().stream()
                        .filter(i -> "Presets".equals(i.getText()))
                        .findFirst()
                        .orElseThrow());
    MenuButton button = robot.lookup("#presetButton").queryAs(MenuButton.class);
    for (List<MenuItem> items : List.of(onFx(presets::getItems), onFx(button::getItems))) {
      assertEquals(PlanPresets.all().size(), items.size());
      CustomMenuItem item = (CustomMenuItem) item(items, "preset-llama-q4_0");
      assertFalse(item.isMnemonicParsing());
      VBox content = (VBox) item.getContent();
      assertEquals("llama.cpp Q4_0", ((Label) content.getChildren().get(0)).getText());
      assertEquals(q40.description(), ((Label) content.getChildren().get(1)).getText());
      Tooltip tip =
          onFx(() -> (Tooltip) content.getProperties().get("javafx.scene.control.Tooltip"));
      assertEquals("Follows: " + q40.source(), tip.getText());
    }

    robot.clickOn("#presetButton");
    WorkbenchFixture.waitUntil(
        5, () -> !robot.lookup("#presetName-llama-q4_0").queryAll().isEmpty());
    Node shown = robot.lookup("#presetName-llama-q4_0").query();
    // What is drawn, not just the label's text: a mnemonic would have taken the underscore away.
    String drawn = onFx(() -> ((Text) shown.lookup(".text")).getText());
    assertEquals("llama.cpp Q4_0", drawn);
    fixture.screenshotPopup("15-06-preset-menu");

    PlanPreset int8 = PlanPresets.byId("int8").orElseThrow();
    Model model = onFx(() -> fixture.app.workspace().opened().get().session().model());
    robot.clickOn("#presetName-int8");
    WorkbenchFixture.waitUntil(
        30, () -> int8.planFor(model).equals(fixture.app.plans().plan().get()));
    fixture.waitForIdle();
  }

  @Test
  void theStatusBarSaysWhatEveryLayerGets() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    Model model = onFx(() -> app.workspace().opened().get().session().model());
    List<String> names = model.layers().stream().map(Layer::name).toList();
    assertEquals(List.of("conv1", "conv2", "fc1", "fc2"), names);

    fx(() -> app.plans().setScheme(names, INT8));
    fixture.waitForIdle();
    String status = onFx(app.statusView()::getText);
    assertTrue(status.contains("plan int8:channel:sym for all 4 layers  ·"), status);
    assertFalse(status.contains("fp32 + 4 layers"), status);

    fx(() -> app.plans().setScheme(List.of("fc2"), PrecisionPlan.FP32));
    fixture.waitForIdle();
    status = onFx(app.statusView()::getText);
    assertTrue(status.contains("plan mixed: 3 int8:channel:sym, 1 fp32  ·"), status);
    fixture.screenshot("15-06-status-mixed-plan");
  }

  @Test
  void modelInformationShowsTheOpsetsAndSignatureOfInfoSizedToItsContent(FxRobot robot)
      throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    Model model = onFx(() -> app.workspace().opened().get().session().model());
    long opset = model.metadata().opsets().get("");

    robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
    WorkbenchFixture.waitUntil(5, () -> !robot.lookup("#modelFacts").queryAll().isEmpty());
    List<Label> values = robot.lookup(".fact-value").queryAllAs(Label.class).stream().toList();
    List<ModelFacts.Fact> shown =
        onFx(() -> values.stream().map(l -> (ModelFacts.Fact) l.getUserData()).toList());
    List<String> texts = onFx(() -> values.stream().map(Label::getText).toList());
    assertEquals(ModelFacts.of(model, io.quantlens.text.Language.ENGLISH.messages()), shown);
    assertEquals(shown.stream().map(ModelFacts.Fact::value).toList(), texts);
    assertTrue(shown.contains(new ModelFacts.Fact("opset", "ai.onnx " + opset)), shown::toString);
    assertEquals(
        model.inputs().stream()
            .map(v -> v.name() + " " + v.elementType() + " " + v.shapeText())
            .toList(),
        shown.stream().filter(f -> f.key().equals("input")).map(ModelFacts.Fact::value).toList());
    assertTrue(texts.contains("image UINT8 [N, 1, 28, 28]"), texts::toString);
    List<String> keys =
        onFx(
            () ->
                robot.lookup(".fact-key").queryAllAs(Label.class).stream()
                    .map(Label::getText)
                    .toList());
    assertTrue(keys.containsAll(List.of("Opset", "Input", "Output")), keys::toString);

    ScrollPane scroll = robot.lookup("#modelInfoScroll").queryAs(ScrollPane.class);
    double viewport = onFx(() -> scroll.getViewportBounds().getHeight());
    double content = onFx(() -> scroll.getContent().getLayoutBounds().getHeight());
    assertTrue(content <= viewport + 1, "every fact in view: " + content + " in " + viewport);
    double height = onFx(() -> scroll.getScene().getWindow().getHeight());
    assertTrue(height < 520, "the dialog is as tall as its facts, not 700 px: " + height);
    fixture.screenshotPopup("15-12-model-info");
    fx(() -> scroll.getScene().getWindow().hide());
  }

  private static Menu menu(MenuBar bar, String text) {
    return bar.getMenus().stream()
        .filter(menu -> text.equals(menu.getText().replace("_", "")))
        .findFirst()
        .orElseThrow();
  }

  private static MenuItem item(List<MenuItem> items, String id) {
    return items.stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
  }
}
