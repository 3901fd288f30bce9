package io.quantlens.ui.dashboard;

/**
 * How the dashboard's tiles share the space they get: as few rows as the height holds, so every
 * tile shows without scrolling where the width allows it, each tile between a readable minimum and
 * a maximum width. Where even one row per tile column is too narrow, the tiles wrap at their
 * minimum width and the pane scrolls.
 *
 * @param columns tiles per row
 * @param tileWidth each tile's width
 */
record TileGrid(int columns, double tileWidth) {
  /** Narrower than this, a tile's comparison line wraps word by word. */
  static final double MIN_TILE_WIDTH = 150;

  /** Wider than this, a tile is mostly empty. */
  static final double MAX_TILE_WIDTH = 300;

  /**
   * The grid for {@code tiles} tiles of height {@code tileHeight} in a {@code width} × {@code
   * height} area with {@code gap} between tiles.
   */
  static TileGrid of(int tiles, double width, double height, double tileHeight, double gap) {
    int fitRows = Math.max(1, (int) Math.floor((height + gap) / (tileHeight + gap)));
    int fitColumns = Math.max(1, (int) Math.floor((width + gap) / (MIN_TILE_WIDTH + gap)));
    int wanted = (tiles + fitRows - 1) / fitRows;
    int columns = Math.max(1, Math.min(Math.min(wanted, fitColumns), tiles));
    double tileWidth = (width - (columns - 1) * gap) / columns;
    return new TileGrid(columns, Math.max(MIN_TILE_WIDTH, Math.min(MAX_TILE_WIDTH, tileWidth)));
  }
}
