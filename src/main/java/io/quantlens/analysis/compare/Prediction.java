package io.quantlens.analysis.compare;

import io.quantlens.quant.Scheme;
import java.util.Optional;

/**
 * What a preset predicted for an artifact layer: its scheme on the original weights.
 *
 * @param scheme the preset's scheme for the layer
 * @param sqnrDb the scheme's SQNR on the original's weights, as the analysis computes it
 * @param agrees whether the artifact stores the layer as the scheme would; empty when the stored
 *     form cannot be told apart
 */
public record Prediction(Scheme scheme, double sqnrDb, Optional<Boolean> agrees) {}
