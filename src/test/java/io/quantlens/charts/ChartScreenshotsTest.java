package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

/**
 * Saves an example PNG of every chart, light and dark, to target/screenshots/charts-*.png, for
 * looking at: labels that overlap or clip, empty panels, colours that do not read.
 */
class ChartScreenshotsTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();
  private static final Path DIR = Path.of("target", "screenshots");

  @Test
  void savesEveryChartInBothStyles() throws Exception {
    var histogram = ChartFixtures.gaussianHistogram();
    double absmax = Math.max(-histogram.lo(), histogram.hi());
    double clip = absmax * 0.8;
    save(
        "weights-int4",
        WeightHistogramChart.create(
                ENGLISH_TEXT,
                histogram,
                false,
                ChartFixtures.int4Levels(clip),
                -clip,
                clip,
                "encoder.layer.0 query · INT4 per-tensor")
            .chart(),
        900,
        500);
    save(
        "weights-int4-log",
        WeightHistogramChart.create(
                ENGLISH_TEXT,
                histogram,
                true,
                ChartFixtures.int4Levels(clip),
                -clip,
                clip,
                "Log count")
            .chart(),
        900,
        500);
    float[] errors = new float[100_000];
    Random random = new Random(3);
    for (int i = 0; i < errors.length; i++) {
      errors[i] = (float) ((random.nextDouble() - 0.5) * 0.004);
    }
    save(
        "errors",
        ErrorHistogramChart.create(
                ENGLISH_TEXT, ChartFixtures.histogram(errors, -0.002, 0.002, 80), "Error x − x̂")
            .chart(),
        900,
        500);

    int groups = 366_000;
    float[] scales = new float[groups];
    double[] sqnr = new double[groups];
    for (int i = 0; i < groups; i++) {
      scales[i] = (float) (0.002 + 0.0005 * Math.abs(random.nextGaussian()));
      sqnr[i] = i % 9973 == 0 ? Double.POSITIVE_INFINITY : 26 + random.nextGaussian() * 1.5;
    }
    save(
        "strip-366k",
        ChannelStripChart.create(
                ENGLISH_TEXT, "block of 32", scales, sqnr, "Per-block scale and SQNR")
            .chart(),
        1000,
        560);
    float[] nan = new float[384];
    double[] fp = new double[384];
    for (int i = 0; i < nan.length; i++) {
      nan[i] = Float.NaN;
      fp[i] = 60 + random.nextGaussian() * 2;
    }
    save(
        "strip-fp16",
        ChannelStripChart.create(ENGLISH_TEXT, "output channel", nan, fp, "FP16").chart(),
        1000,
        560);

    List<String> layers = ChartFixtures.miniLmLayers();
    double[] plan = ChartFixtures.sqnr(40, 30, 1);
    plan[0] = Double.POSITIVE_INFINITY;
    plan[39] = Double.POSITIVE_INFINITY;
    List<Series> series =
        List.of(
            new Series("current plan", PlanRole.CURRENT, plan),
            new Series("pinned plan", PlanRole.PINNED, ChartFixtures.sqnr(40, 33, 4)),
            new Series("FP16", PlanRole.FP16, ChartFixtures.sqnr(40, 68, 2)),
            new Series("INT8", PlanRole.INT8, ChartFixtures.sqnr(40, 38, 3)));
    JFreeChart bars =
        SqnrBarChart.create(ENGLISH_TEXT, layers, series, "SQNR per layer · all-MiniLM-L6-v2")
            .chart();
    save("sqnr-layers", bars, 1000, SqnrBarChart.preferredHeight(40, 4));
    // a HiDPI slide: the same layout at twice the pixels
    ChartStyle.LIGHT.apply(bars);
    ChartExport.png(bars, DIR.resolve("charts-sqnr-layers-light@2x.png"), 1000, 1030, 2);
    save(
        "plans",
        PlanComparisonChart.create(
                ENGLISH_TEXT,
                List.of("size", "bytes / inference", "energy / inference"),
                List.of(
                    new Series("as stored", PlanRole.AS_STORED, new double[] {100, 100, 100}),
                    new Series("FP32", PlanRole.FP32, new double[] {200, 200, 200}),
                    new Series("current", PlanRole.CURRENT, new double[] {27.4, 31.25, 44.9}),
                    new Series("pinned", PlanRole.PINNED, new double[] {34.0, 38.6, 52.3})),
                "% of stored",
                "Plans against an FP16 file")
            .chart(),
        900,
        500);
  }

  private static void save(String name, JFreeChart chart, int width, int height) throws Exception {
    for (ChartStyle style : ChartStyle.values()) {
      style.apply(chart);
      Path file = DIR.resolve("charts-" + name + "-" + style.name().toLowerCase() + ".png");
      ChartExport.png(chart, file, width, height, 1);
      assertTrue(Files.size(file) > 1000, file::toString);
    }
  }
}
