package io.quantlens.eval;

/**
 * Which samples calibrate static activation ranges: the last {@code to − from} of the evaluation
 * data, so that a plan that needs them is measured on the samples {@code [0, from)}, which keep
 * their indices.
 */
record CalibrationSplit(int from, int to) {
  /** At most {@code wanted} samples, and never more than half of them. */
  static CalibrationSplit of(int samples, int wanted) throws EvalException {
    int size = Math.min(wanted, samples / 2);
    if (size < 1) {
      throw new EvalException(
          "static activation ranges need calibration samples apart from the measured ones;"
              + " the evaluation data has only "
              + samples
              + (samples == 1 ? " sample" : " samples")
              + " (use a dynamic activation scheme, or more data)");
    }
    return new CalibrationSplit(samples - size, samples);
  }

  int size() {
    return to - from;
  }

  /** Samples measured when a plan needs calibration. */
  int measured() {
    return from;
  }
}
