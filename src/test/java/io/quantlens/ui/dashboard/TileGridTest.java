package io.quantlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-worked layouts of the seven dashboard tiles (120 px tall, 8 px apart). */
class TileGridTest {
  @Test
  void twoRowsFitSoFourColumnsShareTheWidth() {
    // 260 px hold floor(268 / 128) = 2 rows; 7 tiles in 2 rows need 4 columns: (656 − 24) / 4.
    assertEquals(new TileGrid(4, 158), TileGrid.of(7, 656, 260, 120, 8));
  }

  @Test
  void oneRowWouldBeTooNarrowSoTheTilesWrapAtTheirMinimum() {
    // One row of 7 needs 7 columns, but 436 px hold floor(444 / 158) = 2 of 150 px: 2 columns
    // of (436 − 8) / 2 = 214 px, and the pane scrolls.
    assertEquals(new TileGrid(2, 214), TileGrid.of(7, 436, 200, 120, 8));
  }

  @Test
  void aTallPaneKeepsTilesAtTheirMaximumWidth() {
    // 4 rows fit, so 2 columns; (1200 − 8) / 2 = 596 is capped at 300.
    assertEquals(new TileGrid(2, 300), TileGrid.of(7, 1200, 520, 120, 8));
  }

  @Test
  void aNarrowPaneStillGivesOneColumn() {
    assertEquals(new TileGrid(1, 150), TileGrid.of(7, 100, 900, 120, 8));
  }
}
