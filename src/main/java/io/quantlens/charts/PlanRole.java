package io.quantlens.charts;

import java.awt.Color;

/**
 * What a drawn series stands for. Each role has one colour in every chart (the dashboard's SQNR and
 * cost bars, exported figures), so a colour never changes meaning between charts: blue is always
 * the current plan, orange always FP16.
 *
 * <p>The plan roles take six of the {@link OkabeIto} colours. On the dark background two of them
 * read poorly (blue at 3.2:1, black not at all), so there they take a lighter partner of the same
 * hue: sky blue for the current plan, a light grey for the model as stored. Yellow is left out: on
 * white it has 1.3:1 contrast. Values that belong to no plan (histogram bars, channel strips) are
 * grey, a colour no plan role has.
 */
public enum PlanRole {
  /** The plan being edited. */
  CURRENT(OkabeIto.BLUE, OkabeIto.SKY_BLUE),
  /** The plan pinned for comparison. */
  PINNED(OkabeIto.REDDISH_PURPLE, OkabeIto.REDDISH_PURPLE),
  /** The model as its file stores it: the reference the plan changes. */
  AS_STORED(OkabeIto.BLACK, new Color(0xE0E0E0)),
  /** Every layer at FP32. */
  FP32(OkabeIto.VERMILLION, OkabeIto.VERMILLION),
  /** The FP16 reference plan. */
  FP16(OkabeIto.ORANGE, OkabeIto.ORANGE),
  /** The INT8 per-channel reference plan. */
  INT8(OkabeIto.BLUISH_GREEN, OkabeIto.BLUISH_GREEN),
  /** Values of no plan: histogram bars, channel strips. */
  DATA(new Color(0x8C8C8C), new Color(0x8C8C8C));

  private final Color onLight;
  private final Color onDark;

  PlanRole(Color onLight, Color onDark) {
    this.onLight = onLight;
    this.onDark = onDark;
  }

  /** The role's colour in {@code style}. */
  public Color colour(ChartStyle style) {
    return style == ChartStyle.DARK ? onDark : onLight;
  }
}
