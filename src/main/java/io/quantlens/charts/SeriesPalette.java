package io.quantlens.charts;

import java.awt.Color;
import java.util.List;

/**
 * Colours for rows that are not plans but things of one kind side by side (artifacts of several
 * toolchains): Okabe &amp; Ito's colours in a fixed order, the first row always blue, each row also
 * drawn with its own point shape so no row is told apart by colour alone. On the dark background
 * blue and black take their lighter partners, as in {@link PlanRole}.
 */
interface SeriesPalette {
  List<Color> ON_LIGHT =
      List.of(
          OkabeIto.BLUE,
          OkabeIto.VERMILLION,
          OkabeIto.BLUISH_GREEN,
          OkabeIto.REDDISH_PURPLE,
          OkabeIto.ORANGE,
          OkabeIto.SKY_BLUE,
          OkabeIto.BLACK);
  List<Color> ON_DARK =
      List.of(
          OkabeIto.SKY_BLUE,
          OkabeIto.VERMILLION,
          OkabeIto.BLUISH_GREEN,
          OkabeIto.REDDISH_PURPLE,
          OkabeIto.ORANGE,
          new Color(0x4DA3E0),
          new Color(0xE0E0E0));

  /** Row {@code row}'s colour in {@code style}; the colours repeat after seven rows. */
  static Color colour(int row, ChartStyle style) {
    List<Color> colours = style == ChartStyle.DARK ? ON_DARK : ON_LIGHT;
    return colours.get(row % colours.size());
  }
}
