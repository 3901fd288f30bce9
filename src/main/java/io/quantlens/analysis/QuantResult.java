package io.quantlens.analysis;

import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.Scheme;

/**
 * What one scheme does to one weight tensor.
 *
 * @param scheme the scheme
 * @param bitsPerWeight effective bits per weight, scales and zero points included
 * @param storedBytes bytes the quantized tensor occupies (see StorageConvention)
 * @param stats error statistics and error histogram
 * @param tensorParams the single scale / zero point for per-tensor integer schemes, else null
 * @param tensorNf4Scale the single absmax for per-tensor NF4, else NaN
 */
public record QuantResult(
    Scheme scheme,
    double bitsPerWeight,
    long storedBytes,
    ErrorStats stats,
    GroupParams tensorParams,
    float tensorNf4Scale) {}
