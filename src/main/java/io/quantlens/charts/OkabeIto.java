package io.quantlens.charts;

import java.awt.Color;

/**
 * Colours of Okabe &amp; Ito's palette (M. Okabe, K. Ito, "Color Universal Design (CUD): how to
 * make figures and presentations that are friendly to colorblind people", 2008), chosen to stay
 * apart for protanopes, deuteranopes and tritanopes: the seven {@link PlanRole} uses (the eighth,
 * yellow #F0E442, has 1.3:1 contrast on white).
 */
final class OkabeIto {
  static final Color BLACK = new Color(0x000000);
  static final Color ORANGE = new Color(0xE69F00);
  static final Color SKY_BLUE = new Color(0x56B4E9);
  static final Color BLUISH_GREEN = new Color(0x009E73);
  static final Color BLUE = new Color(0x0072B2);
  static final Color VERMILLION = new Color(0xD55E00);
  static final Color REDDISH_PURPLE = new Color(0xCC79A7);

  private OkabeIto() {}
}
