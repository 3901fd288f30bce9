package io.quantlens.ui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quantlens.eval.SensitivityMetric;
import io.quantlens.text.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Sensitivity figures keep the digits that tell layers apart. */
class SensitivityTextTest {
  private static final Messages M = Messages.forLocale(Locale.ENGLISH);

  @Test
  void threeSignificantDigitsGoScientificBelowOneHundredth() {
    assertEquals("4.52e-4", SensitivityText.significant(0.000452));
    assertEquals("4.50e-4", SensitivityText.significant(0.00045));
    assertEquals("1.02e-3", SensitivityText.significant(0.0010249));
    assertEquals("0.0452", SensitivityText.significant(0.04521));
    assertEquals("12.3", SensitivityText.significant(12.34));
    assertEquals("-4.52e-4", SensitivityText.significant(-0.000452));
    assertEquals("0", SensitivityText.significant(0));
  }

  @Test
  void cosinesThatDifferInTheFourthDecimalReadDifferently() {
    // 0.99981 and 0.99972 both read 0.9998 / 0.9997 at four decimals, 1.000 at three.
    String a = SensitivityText.value(SensitivityMetric.COSINE_LOSS, 1 - 0.99981, M);
    String b = SensitivityText.value(SensitivityMetric.COSINE_LOSS, 1 - 0.99972, M);
    assertEquals("1\u2212cos 1.90e-4", a);
    assertEquals("1\u2212cos 2.80e-4", b);
    assertNotEquals(a, b);
  }

  @Test
  void eachMetricReadsInItsUnit() {
    assertEquals("-0.40 pts", SensitivityText.value(SensitivityMetric.ACCURACY_DROP, 0.40, M));
    assertEquals("+0.00 pts", SensitivityText.value(SensitivityMetric.ACCURACY_DROP, 0.0, M));
    assertEquals("+0.05 pts", SensitivityText.value(SensitivityMetric.ACCURACY_DROP, -0.05, M));
    assertEquals("0.35 % flipped", SensitivityText.value(SensitivityMetric.DISAGREEMENT, 0.35, M));
    assertEquals("23.79 dB", SensitivityText.value(SensitivityMetric.OUTPUT_SQNR, 23.7912, M));
  }
}
