package io.quantlens.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.analysis.LayerAnalysis;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.QuantResult;
import io.quantlens.files.AtomicWrite;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Histogram;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The analysis as JSON: the CSV's fields per (layer, scheme) plus weight and error histograms.
 * Non-finite numbers (an exact cast's SQNR is +Infinity) are written as the strings "Infinity" /
 * "NaN".
 */
public final class AnalysisJson {
  public static final int FORMAT_VERSION = 1;

  private AnalysisJson() {}

  public static void write(ModelAnalysis analysis, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = toJson(mapper, analysis);
    AtomicWrite.writeStream(file, out -> mapper.writeValue(out, root));
  }

  static ObjectNode toJson(ObjectMapper mapper, ModelAnalysis analysis) {
    ObjectNode root = mapper.createObjectNode();
    root.put("quantlens_analysis_version", FORMAT_VERSION);
    root.put("model", analysis.model().source().toString());
    root.put("bins", analysis.bins());
    ArrayNode schemes = root.putArray("schemes");
    analysis.schemes().forEach(s -> schemes.add(s.id()));
    ArrayNode layers = root.putArray("layers");
    for (LayerAnalysis layer : analysis.layers()) {
      ObjectNode l = layers.addObject();
      l.put("layer", layer.layer().name());
      l.put("tensor", layer.layer().weight().name());
      l.put("op", layer.layer().opType());
      ArrayNode shape = l.putArray("shape");
      for (long d : layer.layer().weight().shape()) {
        shape.add(d);
      }
      l.put("params", layer.layer().weight().elementCount());
      l.put("channel_axis", layer.layer().channelAxis());
      ObjectNode w = l.putObject("weights");
      w.put("min", layer.weights().min());
      w.put("max", layer.weights().max());
      w.put("mean", layer.weights().mean());
      w.put("std", layer.weights().std());
      w.set("histogram", histogram(mapper, layer.weights().histogram()));
      ArrayNode results = l.putArray("results");
      for (QuantResult r : layer.results()) {
        results.add(result(mapper, r));
      }
    }
    return root;
  }

  private static ObjectNode result(ObjectMapper mapper, QuantResult r) {
    ErrorStats s = r.stats();
    ObjectNode o = mapper.createObjectNode();
    o.put("scheme", r.scheme().id());
    o.put("bits_per_weight", r.bitsPerWeight());
    o.put("stored_bytes", r.storedBytes());
    o.put("sqnr_db", s.sqnrDb());
    o.put("mse", s.mse());
    o.put("predicted_mse", s.predictedMse());
    o.put("max_abs_err", s.maxAbsError());
    o.put("mean_err", s.meanError());
    o.put("cosine", s.cosine());
    o.put("clipped_frac", s.clippedFraction());
    if (r.tensorParams() != null) {
      o.put("scale", r.tensorParams().scale());
      o.put("zero_point", r.tensorParams().zeroPoint());
    } else if (!Float.isNaN(r.tensorNf4Scale())) {
      o.put("scale", r.tensorNf4Scale());
    }
    o.set("error_histogram", histogram(mapper, s.errorHistogram()));
    return o;
  }

  private static ObjectNode histogram(ObjectMapper mapper, Histogram h) {
    ObjectNode o = mapper.createObjectNode();
    o.put("lo", h.lo());
    o.put("hi", h.hi());
    o.put("underflow", h.underflow());
    o.put("overflow", h.overflow());
    ArrayNode counts = o.putArray("counts");
    for (long c : h.counts()) {
      counts.add(c);
    }
    return o;
  }
}
