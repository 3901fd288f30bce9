package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.ui.table.LayerRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** MiniLM's 40 layers grouped under a heading per encoder layer, folded and sorted flat. */
class BlockGroupsWindowTest extends WorkbenchTest {
  private static final Pattern BLOCK = Pattern.compile("^/encoder/layer\\.\\d+");

  @Test
  void eachEncoderLayerFoldsUnderItsHeading(FxRobot robot) throws Exception {
    Workbench app = fixture.app;
    fx(() -> app.workspace().open("all-minilm-l6-v2", null));
    WorkbenchFixture.waitUntil(120, () -> app.plans().summary().get() != null);
    fixture.waitForIdle();

    // The blocks, counted from the names here: /encoder/layer.N and how many layers each holds.
    List<String> names = onFx(() -> app.tableModel().rows().stream().map(LayerRow::name).toList());
    Map<String, Integer> blocks = new LinkedHashMap<>();
    for (String name : names) {
      Matcher m = BLOCK.matcher(name);
      if (m.find()) {
        blocks.merge(m.group(), 1, Integer::sum);
      }
    }
    assertEquals(6, blocks.size(), blocks.toString());
    CheckBox byBlock = robot.lookup("#groupBlocks").queryAs(CheckBox.class);
    assertTrue(onFx(byBlock::isVisible));
    assertTrue(onFx(byBlock::isSelected));
    assertEquals(names.size() + blocks.size(), onFx(() -> table(robot).getItems().size()));

    String first = blocks.keySet().iterator().next();
    int firstLayers = blocks.get(first);
    assertEquals(
        "\u25be " + first + " \u00b7 " + firstLayers + " layers", headingText(robot, first));
    fixture.screenshot("table-blocks-grouped");

    robot.clickOn(headingCell(robot, first));
    WorkbenchFixture.waitUntil(
        10, () -> table(robot).getItems().size() == names.size() + blocks.size() - firstLayers);
    assertEquals(
        "\u25b8 " + first + " \u00b7 " + firstLayers + " layers", headingText(robot, first));
    fixture.screenshot("table-blocks-folded");

    // A layer of the folded block chosen elsewhere unfolds it and is selected.
    String inside = names.stream().filter(n -> n.startsWith(first + "/")).findFirst().orElseThrow();
    fx(() -> app.workspace().select(inside));
    WorkbenchFixture.waitUntil(
        10, () -> table(robot).getItems().size() == names.size() + blocks.size());
    assertEquals(inside, onFx(() -> table(robot).getSelectionModel().getSelectedItem().name()));

    // Sorting by SQNR lists the 40 layers flat; grouping again restores the model's order.
    TableView<LayerRow> table = table(robot);
    fx(() -> table.getSortOrder().setAll(List.of(table.getColumns().get(6))));
    assertFalse(onFx(byBlock::isSelected));
    assertEquals(names.size(), onFx(() -> table.getItems().size()));
    assertTrue(onFx(() -> table.getItems().stream().noneMatch(LayerRow::isHeading)));
    fx(() -> byBlock.setSelected(true));
    assertTrue(onFx(() -> table.getSortOrder().isEmpty()));
    assertEquals(first, onFx(() -> table.getItems().get(firstHeadingIndex(table)).name()));
  }

  @Test
  void aModelWithoutBlocksOffersNoGrouping(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    CheckBox byBlock = robot.lookup("#groupBlocks").queryAs(CheckBox.class);
    assertFalse(onFx(byBlock::isVisible));
    assertEquals(4, onFx(() -> table(robot).getItems().size()));
  }

  private static int firstHeadingIndex(TableView<LayerRow> table) {
    List<LayerRow> items = table.getItems();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isHeading()) {
        return i;
      }
    }
    throw new AssertionError("no heading");
  }

  @SuppressWarnings("unchecked")
  private static TableView<LayerRow> table(FxRobot robot) {
    return robot.lookup("#layerTable").queryAs(TableView.class);
  }

  private static TableCell<?, ?> headingCell(FxRobot robot, String prefix) {
    return onFx(
        () ->
            robot.lookup("#layerTable .table-cell").queryAll().stream()
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .filter(
                    c ->
                        c.getTableColumn() != null
                            && "nameColumn".equals(c.getTableColumn().getId()))
                .filter(
                    c ->
                        c.getTableRow() != null
                            && c.getTableRow().getItem() instanceof LayerRow r
                            && r.isHeading()
                            && r.name().equals(prefix)
                            && c.getText() != null)
                .findFirst()
                .orElseThrow());
  }

  private static String headingText(FxRobot robot, String prefix) {
    TableCell<?, ?> cell = headingCell(robot, prefix);
    return onFx(cell::getText);
  }
}
