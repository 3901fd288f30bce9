package io.quantlens.analysis;

import io.quantlens.quant.Scheme;
import java.util.List;

/**
 * What to analyse and how.
 *
 * @param schemes schemes to apply to every layer
 * @param bins histogram bins for weight and error histograms
 * @param threads worker threads; results are identical for any count
 */
public record AnalysisOptions(List<Scheme> schemes, int bins, int threads) {
  /** The default schemes as one comma-separated text (also the command line's default). */
  public static final String DEFAULT_SCHEMES_TEXT =
      "fp16,bf16,fp8e4m3,int8:channel:sym,int8:tensor:asym,int4:g32:sym,int4:g128:asym";

  public static final List<String> DEFAULT_SCHEMES = List.of(DEFAULT_SCHEMES_TEXT.split(","));
  public static final int DEFAULT_BINS = 256;

  public AnalysisOptions {
    schemes = List.copyOf(schemes);
    if (schemes.isEmpty()) {
      throw new IllegalArgumentException("at least one scheme is needed");
    }
    if (bins < 1 || bins > 1 << 20) {
      throw new IllegalArgumentException("bins must lie in 1 … 1048576, not " + bins);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
  }

  public static List<Scheme> defaultSchemes() {
    return DEFAULT_SCHEMES.stream().map(Scheme::parse).toList();
  }
}
