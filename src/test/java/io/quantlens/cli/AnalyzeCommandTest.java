package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.testing.TestModels;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze MiniLM --csv --json}, run once and checked from several sides. */
class AnalyzeCommandTest {
  static final String HEADER =
      "layer,tensor,op,shape,params,scheme,bits_per_weight,sqnr_db,mse,max_abs_err,mean_err,"
          + "cosine,clipped_frac,scale,zero_point";
  private static final String[] NUMERIC = {
    "bits_per_weight", "sqnr_db", "mse", "max_abs_err", "mean_err", "cosine", "clipped_frac"
  };

  @TempDir static Path dir;
  static Cli.Result run;
  static List<String> csvLines;
  static List<CSVRecord> rows;
  static JsonNode json;

  @BeforeAll
  static void analyzeMiniLm() throws Exception {
    Path csv = dir.resolve("out/minilm.csv"); // the folder does not exist yet
    Path jsonFile = dir.resolve("out/minilm.json");
    run = Cli.run("analyze", TestModels.miniLm(), "--csv", csv, "--json", jsonFile);
    assertEquals(0, run.exitCode(), run::toString);
    csvLines = Files.readAllLines(csv);
    try (Reader in = Files.newBufferedReader(csv)) {
      rows =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(in)
              .getRecords();
    }
    json = new ObjectMapper().readTree(jsonFile.toFile());
  }

  @Test
  void printsTheTableAndWhereTheFilesWent() {
    assertEquals("", run.err());
    assertTrue(run.out().contains("/encoder/layer.0/attention/self/query/MatMul"), run::toString);
    assertTrue(run.out().contains("Model totals over 40 layers"), run::toString);
    assertTrue(run.out().contains("CSV written to "), run::toString);
    assertTrue(run.out().contains("JSON written to "), run::toString);
  }

  @Test
  void csvHeaderIsExact() {
    assertEquals(HEADER, csvLines.get(0));
  }

  @Test
  void csvHasARowPerLayerAndDefaultScheme() {
    assertEquals(40 * 7, rows.size());
    Map<String, List<String>> schemesByLayer = new LinkedHashMap<>();
    for (CSVRecord r : rows) {
      assertEquals(15, r.size(), r::toString);
      schemesByLayer.computeIfAbsent(r.get("layer"), k -> new ArrayList<>()).add(r.get("scheme"));
    }
    assertEquals(40, schemesByLayer.size());
    schemesByLayer.forEach(
        (layer, schemes) -> assertEquals(AnalysisOptions.DEFAULT_SCHEMES, schemes, layer));
  }

  @Test
  void numericColumnsParse() {
    for (CSVRecord r : rows) {
      assertTrue(Long.parseLong(r.get("params")) > 0, r::toString);
      for (String column : NUMERIC) {
        Double.parseDouble(r.get(column));
      }
      if (!r.get("scale").isEmpty()) {
        Float.parseFloat(r.get("scale"));
        Integer.parseInt(r.get("zero_point"));
      }
    }
  }

  @Test
  void scaleAndZeroPointOnlyForPerTensorSchemes() {
    for (CSVRecord r : rows) {
      boolean perTensor = r.get("scheme").contains(":tensor:");
      assertEquals(perTensor, !r.get("scale").isEmpty(), r::toString);
      assertEquals(perTensor, !r.get("zero_point").isEmpty(), r::toString);
    }
  }

  @Test
  void fp16KeepsTheWordEmbeddingsBetween60And90Db() {
    CSVRecord fp16 = row("/embeddings/word_embeddings/Gather", "fp16");
    double sqnr = Double.parseDouble(fp16.get("sqnr_db"));
    assertTrue(sqnr > 60 && sqnr < 90, fp16::toString);
  }

  /** Both int4 schemes lose to per-channel int8 on every tensor. */
  @Test
  void int4IsNoisierThanPerChannelInt8() {
    assertInt4NoisierThan("int8:channel:sym", layer -> true);
  }

  /**
   * Per-tensor int8 beats int4 except on the output/dense weights of layers 0 to 3: they hold
   * outliers (7.9 in layer 0, where the weights' RMS is 0.045), so one 8-bit grid over the whole
   * tensor gives only 13 to 19 dB there, while int4 in groups of 32 or 128 keeps about 19 dB.
   */
  @Test
  void int4IsNoisierThanPerTensorInt8WithoutOutliers() {
    assertInt4NoisierThan(
        "int8:tensor:asym", layer -> !layer.matches("/encoder/layer\\.[0-3]/output/dense/MatMul"));
  }

  private static void assertInt4NoisierThan(String int8Scheme, Predicate<String> layers) {
    Map<String, Double> int4Best = new LinkedHashMap<>();
    Map<String, Double> int8 = new LinkedHashMap<>();
    for (CSVRecord r : rows) {
      if (!layers.test(r.get("layer"))) {
        continue;
      }
      double sqnr = Double.parseDouble(r.get("sqnr_db"));
      if (r.get("scheme").startsWith("int4:")) {
        int4Best.merge(r.get("layer"), sqnr, Math::max);
      } else if (r.get("scheme").equals(int8Scheme)) {
        int8.put(r.get("layer"), sqnr);
      }
    }
    assertTrue(int4Best.size() >= 36, int4Best::toString);
    int4Best.forEach(
        (layer, int4) ->
            assertTrue(
                int4 < int8.get(layer),
                layer + ": int4 " + int4 + " dB, " + int8Scheme + " " + int8.get(layer) + " dB"));
  }

  @Test
  void bitsPerWeight() {
    for (CSVRecord r : rows) {
      double bits = Double.parseDouble(r.get("bits_per_weight"));
      switch (r.get("scheme")) {
        case "int4:g32:sym" -> assertEquals(4.5, bits, r::toString);
        case "fp16", "bf16" -> assertEquals(16.0, bits, r::toString);
        default -> assertTrue(bits > 4 && bits < 9, r::toString);
      }
    }
  }

  @Test
  void jsonHasEveryLayerSchemeAndHistogram() {
    assertEquals(256, json.get("bins").asInt());
    assertEquals(7, json.get("schemes").size());
    assertEquals(40, json.get("layers").size());
    for (JsonNode layer : json.get("layers")) {
      String name = layer.get("layer").asText();
      long params = layer.get("params").asLong();
      assertEquals(7, layer.get("results").size(), name);
      checkHistogram(layer.get("weights").get("histogram"), 256, params, name);
      for (JsonNode result : layer.get("results")) {
        checkHistogram(
            result.get("error_histogram"), 256, params, name + " " + result.get("scheme"));
      }
    }
  }

  @Test
  void jsonAndCsvAgree() {
    int i = 0;
    for (JsonNode layer : json.get("layers")) {
      for (JsonNode result : layer.get("results")) {
        CSVRecord r = rows.get(i++);
        assertEquals(r.get("layer"), layer.get("layer").asText());
        assertEquals(r.get("params"), layer.get("params").asText());
        assertEquals(r.get("scheme"), result.get("scheme").asText());
        assertEquals(
            Double.parseDouble(r.get("sqnr_db")), result.get("sqnr_db").asDouble(), r::toString);
      }
    }
  }

  /** Counts has {@code bins} entries which with underflow and overflow add up to {@code total}. */
  static void checkHistogram(JsonNode histogram, int bins, long total, String what) {
    JsonNode counts = histogram.get("counts");
    assertEquals(bins, counts.size(), what);
    long sum = histogram.get("underflow").asLong() + histogram.get("overflow").asLong();
    for (JsonNode c : counts) {
      assertTrue(c.asLong() >= 0, what);
      sum += c.asLong();
    }
    assertEquals(total, sum, what);
  }

  private static CSVRecord row(String layer, String scheme) {
    return rows.stream()
        .filter(r -> r.get("layer").equals(layer) && r.get("scheme").equals(scheme))
        .findFirst()
        .orElseThrow();
  }
}
