package io.quantlens.formats.openvino;

import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Symmetry;

/**
 * How NNCF stores one compressed weight in an IR (docs/file-formats.md#writing-an-nncf-ir): the
 * mode, which fixes the codes' element type and whether a zero point is stored, and the group size
 * along the reduction axis, or none for one scale per output channel.
 *
 * @param mode NNCF's {@code CompressWeightsMode}
 * @param groupSize weights sharing a scale along the reduction axis; 0 for per-channel
 */
public record NncfForm(Mode mode, int groupSize) {
  /**
   * NNCF's integer modes and the element types {@code config.py}'s {@code compression_dtype} gives
   * them (nncf @ 029d4cfb): unsigned codes and a zero point of the same type for the asymmetric
   * modes, signed codes and no zero point for the symmetric ones.
   */
  public enum Mode {
    INT8_ASYM(8, Symmetry.ASYM, IrElementType.U8),
    INT8_SYM(8, Symmetry.SYM, IrElementType.I8),
    INT4_ASYM(4, Symmetry.ASYM, IrElementType.U4),
    INT4_SYM(4, Symmetry.SYM, IrElementType.I4);

    private final IntFormat format;
    private final Symmetry symmetry;
    private final IrElementType codes;

    Mode(int bits, Symmetry symmetry, IrElementType codes) {
      this.format = new IntFormat(bits);
      this.symmetry = symmetry;
      this.codes = codes;
    }

    public IntFormat format() {
      return format;
    }

    public Symmetry symmetry() {
      return symmetry;
    }

    IrElementType codes() {
      return codes;
    }

    boolean zeroPoint() {
      return symmetry == Symmetry.ASYM;
    }

    /** NNCF's name, {@code int4_sym}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public NncfForm {
    if (groupSize < 0 || groupSize == 1) {
      throw new IllegalArgumentException("group size " + groupSize);
    }
    if (groupSize > 0 && mode.format().bits() == 8) {
      throw new IllegalArgumentException("NNCF's 8-bit modes are per channel");
    }
  }

  public boolean grouped() {
    return groupSize > 0;
  }

  /**
   * As the reader's storage text starts: {@code NNCF int4_sym g128}, {@code NNCF int8_asym
   * per-channel}.
   */
  public String text() {
    return "NNCF " + mode.id() + " " + (grouped() ? "g" + groupSize : "per-channel");
  }
}
