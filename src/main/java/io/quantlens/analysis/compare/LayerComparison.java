package io.quantlens.analysis.compare;

import io.quantlens.quant.ErrorStats;
import java.util.Optional;

/**
 * One artifact layer against the original weights it was made from.
 *
 * @param pairing the layer and its original weights
 * @param storedForm how the artifact stores the layer, e.g. {@code q4_k} or {@code MatMulNBits
 *     4-bit, block 32}
 * @param bitsPerWeight the artifact's bits per weight, scales and zero points included
 * @param stats the artifact's dequantized weights against the original's (x = original)
 * @param prediction what the compared preset planned for the layer, if a preset was compared
 */
public record LayerComparison(
    LayerPairing pairing,
    String storedForm,
    double bitsPerWeight,
    ErrorStats stats,
    Optional<Prediction> prediction) {}
