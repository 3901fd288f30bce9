package io.quantlens.eval.llm;

/**
 * Which two values of a head one rotary angle turns (ggml's {@code rope_f32}, ggml-cpu/ops.cpp):
 * consecutive pairs {@code (2i, 2i+1)}, or pairs half the rotary width apart {@code (i, i+d/2)}.
 */
public enum RopeStyle {
  NORM,
  NEOX
}
