package io.quantlens.cost;

/**
 * Which precision a device computes a requested precision in.
 *
 * @param requested the precision the plan asks for
 * @param used the precision the device's arithmetic runs in
 * @param isNative whether {@code used == requested}
 * @param reason a short explanation, e.g. "no INT4 units: computed as INT8, storage savings only"
 */
public record ComputeChoice(Precision requested, Precision used, boolean isNative, String reason) {}
