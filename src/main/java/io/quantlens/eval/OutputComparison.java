package io.quantlens.eval;

import io.quantlens.quant.ErrorStats;
import java.util.ArrayList;
import java.util.List;

/** Compares FP32 and quantized output vectors sample by sample and in aggregate. */
final class OutputComparison {
  /** Aggregates of a comparison; see {@link EvalResult} for their meaning. */
  record Metrics(
      double referenceAccuracy,
      double quantizedAccuracy,
      double top1Agreement,
      double meanKl,
      double sqnrDb,
      double meanCosine,
      double neighbourAgreement,
      List<SampleResult> samples) {}

  private OutputComparison() {}

  static Metrics compare(
      EvalTask.Kind kind, float[][] reference, float[][] quantized, long[] labels) {
    int n = reference.length;
    boolean classifier = kind == EvalTask.Kind.CLASSIFIER;
    boolean probabilities = classifier && areProbabilities(reference);
    int[] refNeighbour = kind == EvalTask.Kind.EMBEDDING ? nearestNeighbours(reference) : null;
    int[] qNeighbour = kind == EvalTask.Kind.EMBEDDING ? nearestNeighbours(quantized) : null;

    double signal = 0;
    double noise = 0;
    double cosineSum = 0;
    double klSum = 0;
    int agree = 0;
    int refCorrect = 0;
    int qCorrect = 0;
    int neighboursKept = 0;
    List<SampleResult> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] y = reference[i];
      float[] yq = quantized[i];
      for (int j = 0; j < y.length; j++) {
        double e = (double) y[j] - yq[j];
        signal += (double) y[j] * y[j];
        noise += e * e;
      }
      double cosine = cosine(y, yq);
      cosineSum += cosine;
      int refClass = classifier ? argmax(y) : -1;
      int qClass = classifier ? argmax(yq) : -1;
      double kl = classifier ? klDivergence(y, yq, probabilities) : Double.NaN;
      long label = labels == null ? -1 : labels[i];
      if (classifier) {
        klSum += kl;
        agree += refClass == qClass ? 1 : 0;
        refCorrect += refClass == label ? 1 : 0;
        qCorrect += qClass == label ? 1 : 0;
      }
      int rn = refNeighbour == null ? -1 : refNeighbour[i];
      int qn = qNeighbour == null ? -1 : qNeighbour[i];
      neighboursKept += rn == qn ? 1 : 0;
      samples.add(new SampleResult(i, label, refClass, qClass, kl, cosine, rn, qn));
    }
    boolean labelled = classifier && labels != null;
    return new Metrics(
        labelled ? (double) refCorrect / n : Double.NaN,
        labelled ? (double) qCorrect / n : Double.NaN,
        classifier ? (double) agree / n : Double.NaN,
        classifier ? klSum / n : Double.NaN,
        sqnrDb(signal, noise),
        cosineSum / n,
        refNeighbour != null ? (double) neighboursKept / n : Double.NaN,
        samples);
  }

  static double sqnrDb(double signal, double noise) {
    // Identical outputs are exact even when they are all zero (0/0 would give NaN).
    return noise == 0 ? Double.POSITIVE_INFINITY : ErrorStats.sqnrDb(signal, noise);
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Identical vectors give exactly 1; a zero vector gives 1 against itself and 0 otherwise. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    boolean same = true;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
      same &= a[i] == b[i];
    }
    if (same) {
      return 1;
    }
    if (aa == 0 || bb == 0) {
      return 0;
    }
    return dot / Math.sqrt(aa * bb);
  }

  /** Outputs already normalised (softmax in the graph) are used as they are. */
  static boolean areProbabilities(float[][] rows) {
    for (float[] row : rows) {
      double sum = 0;
      for (float v : row) {
        if (!(v >= 0 && v <= 1)) {
          return false;
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > 1e-3) {
        return false;
      }
    }
    return true;
  }

  /** KL(p ‖ q) = Σ p·(log p − log q) in nats; from logits via log-softmax, exactly 0 when equal. */
  static double klDivergence(float[] reference, float[] quantized, boolean probabilities) {
    double[] logP = probabilities ? logOf(reference) : logSoftmax(reference);
    double[] logQ = probabilities ? logOf(quantized) : logSoftmax(quantized);
    double kl = 0;
    for (int i = 0; i < logP.length; i++) {
      double p = Math.exp(logP[i]);
      if (p > 0) {
        kl += p * (logP[i] - logQ[i]);
      }
    }
    return Math.max(kl, 0);
  }

  private static double[] logSoftmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : logits) {
      sum += Math.exp(v - max);
    }
    double logSum = max + Math.log(sum);
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = logits[i] - logSum;
    }
    return out;
  }

  private static double[] logOf(float[] probabilities) {
    double[] out = new double[probabilities.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.log(Math.max(probabilities[i], 1e-30));
    }
    return out;
  }

  /** For each vector, the index of the most cosine-similar other vector (lowest index on ties). */
  static int[] nearestNeighbours(float[][] vectors) {
    int n = vectors.length;
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (float v : vectors[i]) {
        s += (double) v * v;
      }
      norms[i] = Math.sqrt(s);
    }
    int[] nearest = new int[n];
    for (int i = 0; i < n; i++) {
      double best = Double.NEGATIVE_INFINITY;
      int bestIndex = -1;
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double dot = 0;
        float[] a = vectors[i];
        float[] b = vectors[j];
        for (int k = 0; k < a.length; k++) {
          dot += (double) a[k] * b[k];
        }
        double sim = norms[i] == 0 || norms[j] == 0 ? 0 : dot / (norms[i] * norms[j]);
        if (sim > best) {
          best = sim;
          bestIndex = j;
        }
      }
      nearest[i] = bestIndex;
    }
    return nearest;
  }
}
