package io.quantlens.charts;

import java.awt.Paint;

/** A renderer that draws one chosen item apart; {@link ChartStyle} gives it the style's colour. */
interface HighlightsOne {
  void highlightWith(Paint paint);
}
