package io.quantlens.cost;

/**
 * A hardware profile that cannot be used. The message starts with the file (or resource) name, then
 * the JSON field path, then the problem: {@code "nvidia-a100.json: peak_ops_per_second.int3:
 * unknown precision 'int3' (fp32, fp16, bf16, fp8, int8, int4)"}.
 */
public class HardwareProfileException extends Exception {
  private static final long serialVersionUID = 1L;

  public HardwareProfileException(String message) {
    super(message);
  }

  public HardwareProfileException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code file: field: problem}, or {@code file: problem} for an empty field path. */
  static HardwareProfileException at(String file, String field, String problem) {
    return new HardwareProfileException(
        file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
  }
}
