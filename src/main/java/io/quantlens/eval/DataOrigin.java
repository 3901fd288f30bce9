package io.quantlens.eval;

/** Where evaluation inputs came from; generated inputs carry no meaning, so no labels. */
public enum DataOrigin {
  /** The evaluation set shipped with a bundled sample model. */
  BUNDLED("bundled evaluation set"),
  /** A folder of {@code .npy} files the user chose. */
  FOLDER("evaluation data"),
  /** Random inputs made for a model that has no data: agreement metrics only. */
  GENERATED("generated inputs (no data: agreement with the reference only)");

  private final String label;

  DataOrigin(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
