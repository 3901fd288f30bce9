package io.quantlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NumberTextTest {
  private static final Locale BEFORE = Locale.getDefault();

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(BEFORE);
  }

  @Test
  void numbersReadTheSameUnderAGermanOrVietnameseDefault() {
    for (Locale locale : new Locale[] {Locale.GERMANY, Locale.forLanguageTag("vi-VN")}) {
      Locale.setDefault(locale);
      assertEquals("9.185", NumberText.fixed(9.18456, 3));
      assertEquals("1.235e-04", NumberText.scientific(1.23456e-4, 3));
      assertEquals("0.000123", NumberText.significant(1.23e-4, 3));
      assertEquals("1,234,567", NumberText.count(1_234_567L));
      assertEquals("12,345.7", NumberText.count(12_345.67, 1));
      assertEquals("98.77 %", NumberText.percent(0.98765, 2));
      assertEquals("-0.40 pts", NumberText.points(-0.4));
      assertEquals("+0.00 pts", NumberText.points(-0.0));
      assertEquals("29.80", NumberText.decibels(29.8));
      assertEquals("exact", NumberText.decibels(Double.POSITIVE_INFINITY));
      assertEquals("227 kB", NumberText.bytes(226_900));
      assertEquals("1.50 MB", NumberText.bytes(1.5e6));
      assertEquals("12.3 ms", NumberText.seconds(0.0123));
      assertEquals("4.56 µJ", NumberText.joules(4.56e-6));
      assertEquals("0.5", NumberText.brief(0.5));
      assertEquals("936", NumberText.brief(936.2));
      assertEquals("a 1.5 b 2,048", NumberText.format("a %.1f b %,d", 1.5, 2048));
    }
  }

  @Test
  void filesGetRoundTripText() {
    Locale.setDefault(Locale.GERMANY);
    assertEquals("0.1", NumberText.roundTrip(0.1));
    assertEquals("1.0E-7", NumberText.roundTrip(1e-7));
    assertEquals("", NumberText.roundTrip(Double.NaN));
    assertEquals("inf", NumberText.roundTripOrInf(Double.POSITIVE_INFINITY));
    assertEquals("-inf", NumberText.roundTripOrInf(Double.NEGATIVE_INFINITY));
    assertEquals("n/a", NumberText.percent(Double.NaN, 2));
  }
}
