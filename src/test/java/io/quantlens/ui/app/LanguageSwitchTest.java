package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.List;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * View ▸ Language rebuilds the window in Vietnamese and back without a restart: the menus, the
 * table's headers and the window title change; the model, the plan, the selected layer and the undo
 * history stay.
 */
class LanguageSwitchTest extends WorkbenchTest {
  @Test
  void switchingToVietnameseAndBackKeepsThePlan() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.plans().setScheme(List.of("conv2", "fc1"), Scheme.parse("int4:g32:sym")));
    fx(() -> fixture.app.workspace().select("fc1"));
    fixture.waitForIdle();
    PrecisionPlan plan = onFx(() -> fixture.app.plans().plan().get());
    Stage stage = onFx(() -> (Stage) fixture.app.root().getScene().getWindow());

    List<String> before = onFx(() -> englishTexts(fixture.app.root()));
    assertTrue(before.size() > 30, "the English window shows its texts: " + before);
    Workbench vietnamese = switchTo(stage, Language.VIETNAMESE);
    assertNotSame(fixture.app, vietnamese);
    Messages vi = Language.VIETNAMESE.messages();
    assertEquals(plan, onFx(() -> vietnamese.plans().plan().get()));
    assertEquals("fc1", onFx(() -> vietnamese.workspace().selectedLayer().get()));
    assertEquals(
        List.of(
            vi.get("menu.file"),
            vi.get("menu.edit"),
            vi.get("menu.plan"),
            vi.get("menu.view"),
            vi.get("menu.help")),
        onFx(() -> menuBar(vietnamese).getMenus().stream().map(m -> m.getText()).toList()));
    TableView<?> table = onFx(() -> vietnamese.tableView().table());
    assertTrue(
        onFx(
            () ->
                table.getColumns().stream()
                    .anyMatch(c -> c.getText().equals(vi.get("table.scheme")))),
        vi.get("table.scheme"));
    assertEquals(vi.get("app.titleWith", "mnist-cnn.onnx"), onFx(stage::getTitle));
    assertEquals(List.of(), onFx(() -> englishTexts(vietnamese.root())), "English left on screen");
    // the undo history survives the rebuild: one step back is the FP32 plan the change left
    assertTrue(onFx(() -> vietnamese.plans().canUndo().get()), "undo after the switch");
    fx(vietnamese.plans()::undo);
    fixture.waitForIdle();
    assertEquals(PrecisionPlan.fp32(), onFx(() -> vietnamese.plans().plan().get()));
    assertTrue(onFx(() -> vietnamese.plans().canRedo().get()), "redo after the undo");
    fx(vietnamese.plans()::redo);
    fixture.waitForIdle();
    assertEquals(plan, onFx(() -> vietnamese.plans().plan().get()));
    fixture.screenshot("50-vietnamese", stage);
    fx(vietnamese::showLessons);
    Stage lessons = onFx(() -> vietnamese.lessonsWindow().stage());
    assertEquals(vi.get("lessons.title"), onFx(lessons::getTitle));
    fixture.screenshot("51-vietnamese-lesson", lessons);
    // every lesson in Vietnamese, each page's heading from the Vietnamese bundle
    javafx.scene.control.TabPane tabs = onFx(() -> vietnamese.lessonsWindow().tabs());
    int pages = onFx(() -> tabs.getTabs().size());
    assertEquals(8, pages);
    for (int i = 0; i < pages; i++) {
      int page = i;
      fx(() -> tabs.getSelectionModel().select(page));
      fixture.waitForIdle();
      String title = vi.get("lesson" + (page + 1) + ".title");
      assertTrue(
          onFx(
              () ->
                  tabs.getTabs().get(page).getContent().lookupAll(".label").stream()
                      .anyMatch(n -> title.equals(((javafx.scene.control.Labeled) n).getText()))),
          title);
      fixture.screenshot("52-vietnamese-lesson-" + (page + 1), lessons);
      assertEquals(
          List.of(),
          onFx(() -> englishTexts(lessons.getScene().getRoot())),
          "English left on lesson " + (page + 1));
    }

    Workbench english = switchTo(stage, Language.ENGLISH);
    assertEquals(plan, onFx(() -> english.plans().plan().get()));
    assertEquals("File", onFx(() -> menuBar(english).getMenus().get(0).getText().replace("_", "")));
  }

  /** Fires View ▸ Language ▸ {@code language} and waits for the rebuilt window's model. */
  private Workbench switchTo(Stage stage, Language language) throws Exception {
    return switchTo(fixture, stage, language);
  }

  /** As above, for any window test's fixture. */
  static Workbench switchTo(WorkbenchFixture fixture, Stage stage, Language language)
      throws Exception {
    Workbench before = onFx(() -> WorkbenchApp.current(stage));
    RadioMenuItem item =
        onFx(
            () ->
                (RadioMenuItem)
                    menuBar(before).getMenus().stream()
                        .flatMap(m -> m.getItems().stream())
                        .filter(i -> "languageMenu".equals(i.getId()))
                        .map(javafx.scene.control.Menu.class::cast)
                        .flatMap(m -> m.getItems().stream())
                        .filter(
                            i -> ("language-" + language.locale().getLanguage()).equals(i.getId()))
                        .findFirst()
                        .orElseThrow());
    fx(item::fire);
    Workbench after = onFx(() -> WorkbenchApp.current(stage));
    WorkbenchFixture.waitUntil(60, () -> onFx(() -> after.plans().summary().get() != null));
    WorkbenchFixture.waitUntil(120, () -> fixture.executor.running().isEmpty());
    return after;
  }

  /**
   * The texts of every label, button, tab, column and menu in {@code root} that are an English
   * bundle text whose Vietnamese differs: any left means a text not rebuilt in the new language.
   */
  static List<String> englishTexts(javafx.scene.Parent root) {
    java.util.ResourceBundle en = Language.ENGLISH.messages().bundle();
    java.util.ResourceBundle vi = Language.VIETNAMESE.messages().bundle();
    java.util.Set<String> english = new java.util.HashSet<>();
    for (String key : en.keySet()) {
      String text = en.getString(key);
      if (!text.contains("{") && !text.equals(vi.getString(key))) {
        english.add(text.replace("_", ""));
      }
    }
    List<String> shown = new java.util.ArrayList<>();
    for (javafx.scene.Node node : root.lookupAll("*")) {
      if (node instanceof javafx.scene.control.Labeled l) {
        shown.add(l.getText());
      }
      if (node instanceof javafx.scene.control.TableView<?> t) {
        t.getColumns().forEach(c -> addColumnTexts(c, shown));
      }
      if (node instanceof javafx.scene.control.TabPane p) {
        p.getTabs().forEach(tab -> shown.add(tab.getText()));
      }
      if (node instanceof javafx.scene.control.TextInputControl input) {
        shown.add(input.getPromptText());
      }
    }
    MenuBar menus = menuBar(root);
    if (menus != null) {
      menus.getMenus().forEach(m -> addMenuTexts(m, shown));
    }
    return shown.stream()
        .filter(java.util.Objects::nonNull)
        .map(t -> t.replace("_", ""))
        .filter(english::contains)
        .distinct()
        .toList();
  }

  /** A column's text and its nested columns' (a group of columns per artifact, say). */
  private static void addColumnTexts(
      javafx.scene.control.TableColumnBase<?, ?> column, List<String> shown) {
    shown.add(column.getText());
    column.getColumns().forEach(c -> addColumnTexts(c, shown));
  }

  private static void addMenuTexts(javafx.scene.control.MenuItem item, List<String> shown) {
    shown.add(item.getText());
    if (item instanceof javafx.scene.control.Menu menu) {
      menu.getItems().forEach(i -> addMenuTexts(i, shown));
    }
  }

  private static MenuBar menuBar(javafx.scene.Parent root) {
    return (MenuBar) root.lookup("#menuBar");
  }

  private static MenuBar menuBar(Workbench workbench) {
    return (MenuBar) workbench.root().lookup("#menuBar");
  }
}
