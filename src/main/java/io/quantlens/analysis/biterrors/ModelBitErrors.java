package io.quantlens.analysis.biterrors;

import io.quantlens.analysis.biterrors.BitErrors.Outcome;
import io.quantlens.analysis.biterrors.BitErrors.Protection;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Every layer's weights of a model stored in one form with bit errors: the values to run with, by
 * layer, and the outcome summed over the layers. Layer i draws its flips from seed·1000003 + i, so
 * a run is the same for a seed and layers do not share flips. Interrupting the calling thread ends
 * {@link #inject} between layers with a {@link java.util.concurrent.CancellationException}; the
 * flag stays set.
 *
 * @param weights layer name → values as the layer shows its weight
 */
public record ModelBitErrors(Map<String, float[]> weights, Outcome outcome) {
  public static ModelBitErrors inject(
      Model model, StoredForm form, double ber, Protection protection, long seed) {
    Map<String, float[]> weights = new LinkedHashMap<>();
    long[] total = new long[6];
    int index = 0;
    for (Layer layer : model.layers()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("bit errors cancelled before " + layer.name());
      }
      float[] w = new float[Math.toIntExact(layer.weight().elementCount())];
      layer.weight().reader().read(0, w, 0, w.length);
      BitErrors.Result r = BitErrors.inject(w, form, ber, protection, seed * 1_000_003 + index++);
      weights.put(layer.name(), r.values());
      Outcome o = r.outcome();
      long[] add = {
        o.storedBits(), o.flipped(), o.corrected(), o.detected(), o.silent(), o.valuesChanged()
      };
      for (int i = 0; i < total.length; i++) {
        total[i] += add[i];
      }
    }
    return new ModelBitErrors(
        weights, new Outcome(total[0], total[1], total[2], total[3], total[4], total[5]));
  }
}
