package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.ui.help.GlossaryTerm;
import io.quantlens.ui.help.Licence;
import io.quantlens.ui.help.Shortcut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Issue 15, item 14: the Help menu's shortcuts, glossary and About. */
class HelpWindowTest extends WorkbenchTest {
  @Test
  void theShortcutListHoldsEveryAcceleratorOfTheMenuBarEvenOneAddedLater(FxRobot robot)
      throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
    MenuItem added = new MenuItem("Added by the test");
    added.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+Y"));
    fx(() -> bar.getMenus().get(3).getItems().add(added));

    Map<String, String> expected = onFx(() -> accelerators(bar));
    assertTrue(expected.size() >= 17, expected::toString);
    assertEquals("Export report folder\u2026", expected.get("Ctrl+Shift+E"));
    assertEquals("Added by the test", expected.get("Ctrl+Shift+Y"));

    fx(() -> helpItem(bar, "help-shortcuts").fire());
    WorkbenchFixture.waitUntil(5, () -> !robot.lookup("#shortcutsGrid").queryAll().isEmpty());
    Map<String, String> listed = new TreeMap<>();
    for (Label keys : robot.lookup(".shortcut-keys").queryAllAs(Label.class)) {
      Shortcut s = (Shortcut) keys.getUserData();
      assertEquals(s.keys(), onFx(keys::getText));
      listed.put(s.keys(), s.action());
    }
    assertEquals(expected, listed);
    Shortcut report =
        onFx(() -> Shortcut.in(bar)).stream()
            .filter(s -> s.keys().equals("Ctrl+Shift+E"))
            .findFirst()
            .orElseThrow();
    assertEquals("File", report.menu());
    fixture.screenshotPopup("15-14-help-shortcuts");
    closeNewest();
  }

  @Test
  void theGlossaryExplainsEveryTermWithItsFormulaAndFilters(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    robot.press(KeyCode.F1).release(KeyCode.F1);
    WorkbenchFixture.waitUntil(5, () -> !robot.lookup("#glossaryTerms").queryAll().isEmpty());
    List<GlossaryTerm> terms = onFx(() -> GlossaryTerm.all(fixture.app.messages()));
    assertEquals(GlossaryTerm.IDS.size(), terms.size());
    List<String> names = terms.stream().map(GlossaryTerm::name).toList();
    for (String onScreen :
        List.of(
            "SQNR",
            "\u0394",
            "\u03c3q",
            "KL",
            "Per channel",
            "Group",
            "Symmetric",
            "Asymmetric",
            "Clipping",
            "TDP",
            "PUE")) {
      assertTrue(names.stream().anyMatch(n -> n.contains(onScreen)), onScreen + " in " + names);
    }
    assertEquals(
        "SQNR = 10\u00b7log10(\u03a3x\u00b2 / \u03a3(x \u2212 x\u2032)\u00b2) dB",
        formula(terms, "sqnr"));
    assertEquals("\u03c3q = \u0394 / \u221a12", formula(terms, "sigmaq"));
    assertEquals("PUE = facility power / IT equipment power", formula(terms, "pue"));
    String shown =
        onFx(() -> ((Label) robot.lookup("#glossary-sigmaq .glossary-formula").query()).getText());
    assertEquals(formula(terms, "sigmaq"), shown);
    assertEquals(terms.size(), visibleTerms(robot).size());
    fixture.screenshotPopup("15-14-help-glossary");

    TextField filter = robot.lookup("#glossaryFilter").queryAs(TextField.class);
    fx(() -> filter.setText("pue"));
    assertEquals(List.of("pue"), visibleTerms(robot));
    closeNewest();
  }

  @Test
  void aboutShowsTheVersionOfThePomAndEveryBundledLicence(FxRobot robot) throws Exception {
    MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
    fx(() -> helpItem(bar, "help-about").fire());
    WorkbenchFixture.waitUntil(5, () -> !robot.lookup("#aboutVersion").queryAll().isEmpty());
    assertEquals(
        "QuantLens " + PaperExportsTest.pomVersion(),
        onFx(() -> robot.lookup("#aboutVersion").queryAs(Label.class).getText()));
    List<Licence> listed = new ArrayList<>();
    for (Label l : robot.lookup(".licence-library").queryAllAs(Label.class)) {
      listed.add((Licence) l.getUserData());
    }
    assertEquals(Licence.bundled(), listed);
    assertTrue(
        listed.stream()
            .anyMatch(
                l ->
                    l.coordinates().equals("com.microsoft.onnxruntime:onnxruntime")
                        && l.licence().equals("MIT")),
        listed::toString);
    fixture.screenshotPopup("15-14-help-about");
    closeNewest();
  }

  private static String formula(List<GlossaryTerm> terms, String id) {
    return terms.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow().formula();
  }

  private static List<String> visibleTerms(FxRobot robot) {
    return onFx(
        () ->
            robot
                .lookup("#glossaryTerms")
                .queryAs(javafx.scene.layout.VBox.class)
                .getChildren()
                .stream()
                .filter(Node::isVisible)
                .map(n -> ((GlossaryTerm) n.getUserData()).id())
                .toList());
  }

  /** Accelerator text → item text, by a walk of the bar written here, not the one under test. */
  private static Map<String, String> accelerators(MenuBar bar) {
    Map<String, String> found = new TreeMap<>();
    List<MenuItem> todo = new ArrayList<>();
    bar.getMenus().forEach(todo::add);
    while (!todo.isEmpty()) {
      MenuItem item = todo.remove(0);
      if (item instanceof Menu menu) {
        todo.addAll(menu.getItems());
      } else if (item.getAccelerator() != null) {
        found.put(item.getAccelerator().getDisplayText(), item.getText());
      }
    }
    return found;
  }

  private static MenuItem helpItem(MenuBar bar, String id) {
    Menu help =
        bar.getMenus().stream().filter(m -> "helpMenu".equals(m.getId())).findFirst().orElseThrow();
    return help.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
  }

  private static void closeNewest() {
    fx(
        () -> {
          List<Window> windows = List.copyOf(Window.getWindows());
          windows.get(windows.size() - 1).hide();
        });
  }
}
