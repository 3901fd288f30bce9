package io.quantlens.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.ChannelSlice;
import io.quantlens.analysis.compare.LayerComparison;
import io.quantlens.analysis.compare.Prediction;
import io.quantlens.files.AtomicWrite;
import io.quantlens.model.Layer;
import io.quantlens.quant.ErrorStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as JSON: per artifact its totals, each matched layer with the original channels it
 * was matched with, and the layers left unmatched on either side. An exact layer's SQNR is the
 * string "Infinity", as in the analysis JSON.
 */
public final class CompareJson {
  public static final int FORMAT_VERSION = 1;

  private CompareJson() {}

  public static void write(Path original, List<ArtifactComparison> artifacts, Path file)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("quantlens_compare_version", FORMAT_VERSION);
    root.put("original", original.toString());
    ArrayNode list = root.putArray("artifacts");
    for (ArtifactComparison a : artifacts) {
      list.add(artifact(mapper, a));
    }
    AtomicWrite.writeStream(file, out -> mapper.writeValue(out, root));
  }

  private static ObjectNode artifact(ObjectMapper mapper, ArtifactComparison a) {
    ObjectNode o = mapper.createObjectNode();
    o.put("file", a.file().toString());
    o.put("format", a.format());
    o.put("file_bytes", a.fileBytes());
    o.put("weight_bytes", a.weightBytes());
    o.put("mean_bits_per_weight", a.meanBitsPerWeight());
    o.put("sqnr_db", a.sqnrDb());
    a.preset().ifPresent(p -> o.put("preset", p));
    o.put("prediction_disagreements", a.disagreements());
    ArrayNode layers = o.putArray("layers");
    for (LayerComparison l : a.layers()) {
      layers.add(layer(mapper, l));
    }
    names(o.putArray("unmatched_artifact_layers"), a.unmatchedArtifact());
    names(o.putArray("unmatched_original_layers"), a.unmatchedOriginal());
    return o;
  }

  private static ObjectNode layer(ObjectMapper mapper, LayerComparison l) {
    ObjectNode o = mapper.createObjectNode();
    o.put("layer", l.pairing().artifact().name());
    o.put("match", l.pairing().how().name().toLowerCase(Locale.ROOT));
    ArrayNode original = o.putArray("original");
    for (ChannelSlice s : l.pairing().original()) {
      ObjectNode part = original.addObject();
      part.put("layer", s.layer().name());
      part.put("first_channel", s.first());
      part.put("channels", s.count());
      part.put("transposed", s.transposed());
    }
    o.put("channel_order", l.pairing().order().isSame() ? "same" : l.pairing().order().toString());
    o.put("stored_form", l.storedForm());
    o.put("bits_per_weight", l.bitsPerWeight());
    ErrorStats s = l.stats();
    o.put("weights", s.count());
    o.put("sqnr_db", s.sqnrDb());
    o.put("mse", s.mse());
    o.put("max_abs_err", s.maxAbsError());
    o.put("cosine", s.cosine());
    l.prediction().ifPresent(p -> o.set("prediction", prediction(mapper, p)));
    return o;
  }

  private static ObjectNode prediction(ObjectMapper mapper, Prediction p) {
    ObjectNode o = mapper.createObjectNode();
    o.put("scheme", p.scheme().id());
    o.put("sqnr_db", p.sqnrDb());
    p.agrees().ifPresent(a -> o.put("agrees", a));
    return o;
  }

  private static void names(ArrayNode array, List<Layer> layers) {
    layers.forEach(l -> array.add(l.name()));
  }
}
