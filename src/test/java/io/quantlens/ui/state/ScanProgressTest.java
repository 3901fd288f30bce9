package io.quantlens.ui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.text.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The sensitivity scan's progress line, on a clock the test moves. */
class ScanProgressTest {
  private static final Messages M = Messages.forLocale(Locale.ENGLISH);

  /** A clock that reads whatever the test last set, in nanoseconds. */
  private static final class FakeClock {
    long nanos;

    void at(double seconds) {
      nanos = Math.round(seconds * 1e9);
    }
  }

  @Test
  void theTimeLeftIsTheMeanTimePerLayerSoFarTimesTheLayersLeft() {
    FakeClock clock = new FakeClock();
    ScanProgress progress = new ScanProgress(M, () -> clock.nanos);
    clock.at(100); // the clock starts at the first layer, whatever it read before
    assertEquals("layer 1 of 4", progress.update(0, 4));
    clock.at(110); // 10 s for one layer, 3 to go
    assertEquals("layer 2 of 4 \u00b7 about 30 s left", progress.update(1, 4));
    clock.at(130); // 15 s a layer, 2 to go
    assertEquals("layer 3 of 4 \u00b7 about 30 s left", progress.update(2, 4));
    clock.at(136); // 12 s a layer, 1 to go
    assertEquals("layer 4 of 4 \u00b7 about 12 s left", progress.update(3, 4));
    clock.at(150);
    assertEquals("4 layers measured", progress.update(4, 4));
  }

  @Test
  void theEncoderSampleSized145sScanReadsInMinutesAndSeconds() {
    FakeClock clock = new FakeClock();
    ScanProgress progress = new ScanProgress(M, () -> clock.nanos);
    progress.update(0, 36);
    // 9 of 36 layers in 36.25 s: 4.03 s a layer, 27 layers, 108.75 s left.
    clock.at(36.25);
    assertEquals("layer 10 of 36 \u00b7 about 1 min 49 s left", progress.update(9, 36));
  }

  @Test
  void durationsAreWholeSecondsThenMinutesThenHours() {
    ScanProgress english = new ScanProgress(M, System::nanoTime);
    assertEquals("1 s", english.duration(0.2));
    assertEquals("45 s", english.duration(45.4));
    assertEquals("2 min", english.duration(120));
    assertEquals("2 min 5 s", english.duration(125));
    assertEquals("1 h 3 min", english.duration(3780));
    assertEquals("2 h", english.duration(7200));
    ScanProgress vietnamese =
        new ScanProgress(io.quantlens.text.Language.VIETNAMESE.messages(), System::nanoTime);
    assertEquals("2 phút 5 giây", vietnamese.duration(125));
    assertEquals("1 giờ 3 phút", vietnamese.duration(3780));
  }
}
