package io.quantlens.quant;

/**
 * Which weights share one scale: the whole tensor, one output channel, or groups of {@code
 * groupSize} consecutive weights along the reduction axis of each output channel (as MatMulNBits
 * and GGUF do).
 */
public record Granularity(Kind kind, int groupSize) {
  public enum Kind {
    TENSOR,
    CHANNEL,
    GROUP
  }

  public static final Granularity TENSOR = new Granularity(Kind.TENSOR, 0);
  public static final Granularity CHANNEL = new Granularity(Kind.CHANNEL, 0);

  public Granularity {
    if ((kind == Kind.GROUP) != (groupSize > 0)) {
      throw new IllegalArgumentException("a group size belongs to group granularity only");
    }
  }

  public static Granularity group(int size) {
    return new Granularity(Kind.GROUP, size);
  }

  public String id() {
    return switch (kind) {
      case TENSOR -> "tensor";
      case CHANNEL -> "channel";
      case GROUP -> "g" + groupSize;
    };
  }
}
