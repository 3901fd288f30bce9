package io.quantlens.cli;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.BuiltChart;
import io.quantlens.eval.ActivationProfile;
import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.report.NumberText;
import io.quantlens.session.ActivationCharts;
import io.quantlens.session.Session;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code bench MODEL --activations A}: with int8 per-channel weights, how long calibration takes on
 * a fresh evaluator, how an evaluation with the inputs quantized compares with the weight-only one
 * on the same samples, and how long the activation view takes to draw one layer from its stored
 * profile (both charts built and painted at 900 × 300).
 */
final class ActivationBench {
  private static final Scheme WEIGHTS = Scheme.parse("int8:channel:sym");

  private ActivationBench() {}

  static void run(
      Session session,
      ActivationScheme activations,
      Path data,
      int threads,
      int warmup,
      int repeat,
      PrintWriter out,
      Messages texts)
      throws Exception {
    PrecisionPlan weightOnly = PrecisionPlan.uniform(WEIGHTS);
    PrecisionPlan quantized = weightOnly.withActivations(activations);
    EvalData evalData = session.evalData(data);
    List<double[]> runs = new ArrayList<>();
    List<Double> views = new ArrayList<>();
    String[] slowest = {"", "0", "0"};
    for (int i = 0; i < warmup + repeat; i++) {
      try (Evaluator evaluator =
          session.evaluator(
              evalData,
              null,
              new EvalOptions(threads, OptionalInt.empty(), EvalOptions.DEFAULT_CALIBRATION))) {
        evaluator.reference(EvalProgress.NONE);
        long t0 = System.nanoTime();
        evaluator.activationQuantization(quantized, EvalProgress.NONE);
        long t1 = System.nanoTime();
        EvalResult result = evaluator.evaluate(quantized, EvalProgress.NONE);
        long t2 = System.nanoTime();
        evaluator.evaluate(weightOnly, result.samples(), EvalProgress.NONE);
        long t3 = System.nanoTime();
        Map<String, ActivationProfile> profiles =
            evaluator.activationProfiles(quantized, EvalProgress.NONE);
        long t4 = System.nanoTime();
        if (i < warmup) {
          profiles.values().forEach(ActivationBench::drawMillis);
        } else {
          runs.add(new double[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3});
          for (ActivationProfile p : profiles.values()) {
            double ms = drawMillis(p);
            views.add(ms);
            if (ms > Double.parseDouble(slowest[1])) {
              slowest[0] = p.layer();
              slowest[1] = Double.toString(ms);
              slowest[2] = String.valueOf(p.channels().size());
            }
          }
        }
      }
    }
    double calibration = median(runs, 0) / 1e9;
    double withInputs = median(runs, 1) / 1e9;
    double weightsOnly = median(runs, 2) / 1e9;
    double[] view = views.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    LabelledLines lines =
        new LabelledLines(
            texts,
            18,
            "label.model",
            "label.data",
            "label.plan",
            "bench.calibration",
            "bench.evaluation",
            "bench.profiles",
            "bench.activationView");
    out.println(lines.line("label.model", session.model().source().toString()));
    out.println(lines.line("label.data", evalData.describe()));
    out.println(
        lines.line(
            "label.plan",
            texts.get(
                "bench.plan",
                WEIGHTS.id(),
                activations.id(),
                String.valueOf(threads),
                String.valueOf(repeat),
                String.valueOf(warmup))));
    out.println(
        lines.line("bench.calibration", texts.get("bench.calibrated", seconds(calibration))));
    out.println(
        lines.line(
            "bench.evaluation",
            texts.get(
                "bench.evaluated",
                seconds(withInputs),
                seconds(weightsOnly),
                NumberText.fixed(withInputs / weightsOnly, 2))));
    out.println(
        lines.line("bench.profiles", texts.get("bench.profiled", seconds(median(runs, 3) / 1e9))));
    out.println(
        lines.line(
            "bench.activationView",
            texts.get(
                "bench.drawn",
                NumberText.fixed(view[view.length / 2], 1),
                NumberText.fixed(view[view.length - 1], 1),
                texts.get("bench.slowest", slowest[0], slowest[2]),
                String.valueOf(view.length / repeat),
                String.valueOf(repeat))));
    out.flush();
  }

  /** Both charts of {@code p} built and painted once, in milliseconds. */
  private static double drawMillis(ActivationProfile p) {
    BufferedImage image = new BufferedImage(900, 300, BufferedImage.TYPE_INT_ARGB);
    Messages m = Language.ENGLISH.messages();
    long start = System.nanoTime();
    BuiltChart histogram = ActivationCharts.histogram(m, p, true, p.value(), 820);
    BuiltChart channels = ActivationCharts.channels(m, p, p.value());
    Graphics2D g = image.createGraphics();
    try {
      histogram.chart().draw(g, new Rectangle2D.Double(0, 0, 900, 300));
      channels.chart().draw(g, new Rectangle2D.Double(0, 0, 900, 300));
    } finally {
      g.dispose();
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static String seconds(double s) {
    return NumberText.fixed(s, 2);
  }

  private static double median(List<double[]> runs, int column) {
    double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return values[values.length / 2];
  }
}
