package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The dark theme's notifications and its menu check mark, as a user sees them. */
class DarkThemeWindowTest extends WorkbenchTest {
  private static final String NOTICE = "Report written to /tmp/report (12 files)";

  @Test
  void notificationsReadInBothThemes(FxRobot robot) throws Exception {
    for (boolean dark : new boolean[] {true, false}) {
      fx(() -> fixture.app.appearance().dark().set(dark));
      fx(() -> fixture.app.workspace().services().notices().notice(NOTICE + (dark ? "" : ".")));
      WorkbenchFixture.waitUntil(10, () -> notification(NOTICE + (dark ? "" : ".")).isPresent());
      Region pane = onFx(() -> notification(NOTICE + (dark ? "" : ".")).orElseThrow());
      fixture.screenshotPopup(dark ? "20-notification-dark" : "21-notification-light");
      Label text =
          onFx(
              () ->
                  pane.lookupAll(".label").stream()
                      .map(Label.class::cast)
                      .filter(l -> l.getText().startsWith(NOTICE))
                      .findFirst()
                      .orElseThrow());
      Color fill = onFx(() -> (Color) text.getTextFill());
      Color background = onFx(() -> innermostFill(pane));
      double contrast = Contrast.ratio(fill, background);
      // WCAG AA for body text: 4.5:1. ControlsFX's own #292929 on the dark body colour was 1.2:1.
      assertTrue(contrast >= 4.5, (dark ? "dark" : "light") + " contrast " + contrast);
      assertEquals(
          dark, Contrast.luminance(background) < 0.1, "the notification follows the theme");
    }
  }

  @Test
  void theDarkThemeItemShowsItsCheckMark(FxRobot robot) throws Exception {
    robot.clickOn("View");
    robot.clickOn("Dark theme");
    fixture.waitForIdle();
    assertTrue(onFx(() -> fixture.app.appearance().dark().get()));
    assertTrue(onFx(() -> fixture.app.root().getStyleClass().contains("dark")));

    robot.clickOn("View");
    WorkbenchFixture.waitUntil(5, () -> darkItem().isPresent());
    fixture.screenshotPopup("22-view-menu-dark-checked");
    Node item = onFx(() -> darkItem().orElseThrow());
    assertTrue(
        onFx(() -> item.getPseudoClassStates().contains(PseudoClass.getPseudoClass("checked"))));
    int ink = onFx(() -> checkInk(item));
    assertTrue(ink >= 12, "check mark pixels: " + ink);
    robot.type(KeyCode.ESCAPE);

    robot.clickOn("View");
    robot.clickOn("Dark theme");
    fixture.waitForIdle();
    assertFalse(onFx(() -> fixture.app.appearance().dark().get()));
    robot.clickOn("View");
    WorkbenchFixture.waitUntil(5, () -> darkItem().isPresent());
    fixture.screenshotPopup("23-view-menu-light-unchecked");
    Node unchecked = onFx(() -> darkItem().orElseThrow());
    assertFalse(
        onFx(
            () ->
                unchecked.getPseudoClassStates().contains(PseudoClass.getPseudoClass("checked"))));
    assertEquals(0, (int) onFx(() -> checkInk(unchecked)), "no mark when unchecked");
    robot.type(KeyCode.ESCAPE);
  }

  /** The notification showing {@code text}, if one is up. */
  private static Optional<Region> notification(String text) {
    return Window.getWindows().stream()
        .filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene() != null)
        .flatMap(w -> w.getScene().getRoot().lookupAll(".notification-bar > .pane").stream())
        .map(Region.class::cast)
        .filter(
            p -> p.lookupAll(".label").stream().anyMatch(l -> text.equals(((Label) l).getText())))
        .findFirst();
  }

  /** The "Dark theme" item of the open View menu. */
  private static Optional<Node> darkItem() {
    return Window.getWindows().stream()
        .filter(w -> w instanceof ContextMenu && w.isShowing())
        .flatMap(w -> w.getScene().getRoot().lookupAll(".check-menu-item").stream())
        .filter(
            n ->
                n instanceof Parent p
                    && p.lookupAll(".label").stream()
                        .anyMatch(l -> "Dark theme".equals(((Label) l).getText())))
        .findFirst();
  }

  /**
   * Pixels in the item's check box that stand out from the menu's background by 3:1 (WCAG's ratio
   * for graphics), in a snapshot of the menu as drawn.
   */
  private static int checkInk(Node item) {
    Node check = ((Parent) item).lookup(".check");
    assertNotNull(check, "a check menu item has a check box");
    WritableImage image = item.getScene().snapshot(null);
    PixelReader pixels = image.getPixelReader();
    Bounds b = check.localToScene(check.getBoundsInLocal());
    Color background =
        pixels.getColor(
            (int) item.localToScene(item.getBoundsInLocal()).getMinX() + 2, (int) b.getMinY());
    int ink = 0;
    for (int y = (int) b.getMinY(); y < Math.ceil(b.getMaxY()); y++) {
      for (int x = (int) b.getMinX(); x < Math.ceil(b.getMaxX()); x++) {
        if (Contrast.ratio(pixels.getColor(x, y), background) >= 3) {
          ink++;
        }
      }
    }
    return ink;
  }

  private static Color innermostFill(Region region) {
    var fills = region.getBackground().getFills();
    return (Color) fills.get(fills.size() - 1).getFill();
  }
}
