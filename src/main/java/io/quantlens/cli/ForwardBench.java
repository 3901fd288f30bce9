package io.quantlens.cli;

import io.quantlens.eval.llm.ForwardPass;
import io.quantlens.eval.llm.LlmModel;
import io.quantlens.eval.llm.WeightSource;
import io.quantlens.model.Model;
import io.quantlens.report.NumberText;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * {@code bench MODEL --forward N}: tokens per second of the Java decoder forward pass on the file's
 * stored weights, for N tokens fed as one run (as a KL evaluation's window is) and for tokens fed
 * one at a time (generation), on fixed pseudo-random tokens.
 */
final class ForwardBench {
  private static final int DECODED_TOKENS = 8;
  private static final long TOKEN_SEED = 1;

  private ForwardBench() {}

  static void run(
      Model file, int tokens, int threads, int warmup, int repeat, PrintWriter out, Messages texts)
      throws Exception {
    LlmModel model = LlmModel.of(file);
    int[] sequence =
        new SplittableRandom(TOKEN_SEED).ints(tokens, 0, model.config().vocab()).toArray();
    double[] seconds = new double[repeat];
    double decodeSeconds;
    try (ForwardPass pass = new ForwardPass(model, WeightSource.stored(), threads)) {
      for (int i = 0; i < warmup + repeat; i++) {
        pass.reset();
        long start = System.nanoTime();
        pass.run(sequence);
        if (i >= warmup) {
          seconds[i - warmup] = (System.nanoTime() - start) / 1e9;
        }
      }
      pass.reset();
      int decoded = Math.min(DECODED_TOKENS, tokens);
      long start = System.nanoTime();
      for (int t = 0; t < decoded; t++) {
        pass.run(new int[] {sequence[t]});
      }
      decodeSeconds = (System.nanoTime() - start) / 1e9 / decoded;
    }
    Arrays.sort(seconds);
    double median = seconds[repeat / 2];
    LabelledLines lines =
        new LabelledLines(
            texts,
            18,
            "label.model",
            "bench.forward",
            "bench.prefill",
            "bench.decode",
            "bench.peakHeap");
    out.println(lines.line("label.model", file.source().toString()));
    out.println(
        lines.line(
            "bench.forward",
            texts.get(
                "bench.forwardShape",
                model.config().family().fileName(),
                String.valueOf(model.config().layers()),
                String.valueOf(model.config().hidden()),
                String.valueOf(threads))));
    out.println(
        lines.line(
            "bench.prefill",
            texts.get(
                "bench.prefilled",
                NumberText.fixed(tokens / median, 2),
                String.valueOf(tokens),
                NumberText.fixed(median, 3),
                String.valueOf(repeat),
                String.valueOf(warmup))));
    out.println(
        lines.line(
            "bench.decode",
            texts.get(
                "bench.decoded",
                NumberText.fixed(1 / decodeSeconds, 2),
                String.valueOf(Math.min(DECODED_TOKENS, tokens)))));
    out.println(
        lines.line(
            "bench.peakHeap",
            texts.get(
                "bench.heap",
                NumberText.fixed(BenchCommand.peakHeapBytes() / 1e6, 1),
                NumberText.fixed(Runtime.getRuntime().maxMemory() / 1e6, 0))));
    out.flush();
  }
}
