package io.quantlens.quant;

import static io.quantlens.quant.GgmlRounding.nearestInt;

/**
 * The scale searches of ggml's k-quants (ggml-quants.c {@code make_qx_quants}, {@code
 * make_q3_quants}, {@code make_qkx2_quants}), without importance weights. Every sum is a float sum
 * in the reference's order, so the chosen scales and codes are the reference's.
 */
final class GgmlKSearch {
  /** ggml's GROUP_MAX_EPS: a sub-block whose |max| is below this is treated as all zero. */
  static final float GROUP_MAX_EPS = 1e-15f;

  private GgmlKSearch() {}

  /**
   * Symmetric codes {@code L[i] = nmax + clamp(nearest(x/scale), −nmax, nmax−1)} for a signed scale
   * chosen by trying 19 candidate scales around −nmax/max and keeping the weighted least-squares
   * best ({@code rmseType} 1: weight x², 2: 1, 3: |x|, 4: √|x|; 0: no search; negative: one step).
   */
  static float makeQxQuants(int n, int nmax, float[] x, int xOff, int[] l, int lOff, int rmseType) {
    float max = GgmlRounding.signedAbsMax(x, xOff, n);
    if (Math.abs(max) < GROUP_MAX_EPS) {
      for (int i = 0; i < n; i++) {
        l[lOff + i] = 0;
      }
      return 0f;
    }
    float iscale = -nmax / max;
    if (rmseType == 0) {
      for (int i = 0; i < n; i++) {
        l[lOff + i] = nmax + clamp(nearestInt(iscale * x[xOff + i]), -nmax, nmax - 1);
      }
      return 1 / iscale;
    }
    boolean returnEarly = rmseType < 0;
    int type = Math.abs(rmseType);
    float sumlx = 0;
    float suml2 = 0;
    for (int i = 0; i < n; i++) {
      float v = x[xOff + i];
      int q = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
      l[lOff + i] = q + nmax;
      float w = weight(type, v);
      sumlx += w * v * q;
      suml2 += w * q * q;
    }
    float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
    if (returnEarly) {
      return suml2 > 0 ? 0.5f * (scale + 1 / iscale) : 1 / iscale;
    }
    float best = scale * sumlx;
    for (int is = -9; is <= 9; is++) {
      if (is == 0) {
        continue;
      }
      iscale = -(nmax + 0.1f * is) / max;
      sumlx = 0;
      suml2 = 0;
      for (int i = 0; i < n; i++) {
        float v = x[xOff + i];
        int q = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
        float w = weight(type, v);
        sumlx += w * v * q;
        suml2 += w * q * q;
      }
      if (suml2 > 0 && sumlx * sumlx > best * suml2) {
        for (int i = 0; i < n; i++) {
          l[lOff + i] = nmax + clamp(nearestInt(iscale * x[xOff + i]), -nmax, nmax - 1);
        }
        scale = sumlx / suml2;
        best = scale * sumlx;
      }
    }
    return scale;
  }

  private static float weight(int rmseType, float v) {
    return switch (rmseType) {
      case 1 -> v * v;
      case 2 -> 1f;
      case 3 -> Math.abs(v);
      default -> (float) Math.sqrt(Math.abs(v));
    };
  }

  /**
   * q3_k's sub-block search: codes from −nmax/max, then up to 5 passes that move single codes while
   * the x²-weighted fit improves. Returns the scale; codes are stored offset by nmax, except that
   * an all-zero sub-block gets codes 0 (as in the reference).
   */
  static float makeQ3Quants(int n, int nmax, float[] x, int xOff, int[] l, int lOff) {
    float max = GgmlRounding.signedAbsMax(x, xOff, n);
    if (Math.abs(max) < GROUP_MAX_EPS) {
      for (int i = 0; i < n; i++) {
        l[lOff + i] = 0;
      }
      return 0f;
    }
    float iscale = -nmax / max;
    float sumlx = 0;
    float suml2 = 0;
    for (int i = 0; i < n; i++) {
      float v = x[xOff + i];
      int q = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
      l[lOff + i] = q;
      float w = v * v;
      sumlx += w * v * q;
      suml2 += w * q * q;
    }
    for (int pass = 0; pass < 5; pass++) {
      int changed = 0;
      for (int i = 0; i < n; i++) {
        float v = x[xOff + i];
        float w = v * v;
        int old = l[lOff + i];
        float slx = sumlx - w * v * old;
        if (slx > 0) {
          float sl2 = suml2 - w * old * old;
          int q = clamp(nearestInt(v * sl2 / slx), -nmax, nmax - 1);
          if (q != old) {
            slx += w * v * q;
            sl2 += w * q * q;
            if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2) {
              l[lOff + i] = q;
              sumlx = slx;
              suml2 = sl2;
              changed++;
            }
          }
        }
      }
      if (changed == 0) {
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      l[lOff + i] += nmax;
    }
    return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
  }

  /**
   * Codes 0..nmax for {@code x ≈ scale·L − theMin}: starts from the min/max fit, then tries nstep+1
   * scales (rmin + rdelta·k + nmax)/(max − min), refitting scale and min by weighted least squares
   * and keeping the lowest weighted error (absolute if {@code useMad}, else squared). Returns the
   * scale and stores the (non-negative) min at {@code mins[minAt]}.
   */
  static float makeQkx2Quants(
      int n,
      int nmax,
      float[] x,
      int xOff,
      float[] weights,
      int[] l,
      int lOff,
      float[] mins,
      int minAt,
      int[] laux,
      float rmin,
      float rdelta,
      int nstep,
      boolean useMad) {
    float min = x[xOff];
    float max = x[xOff];
    float sumW = weights[0];
    float sumX = sumW * x[xOff];
    for (int i = 1; i < n; i++) {
      float v = x[xOff + i];
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
      float w = weights[i];
      sumW += w;
      sumX += w * v;
    }
    if (min > 0) {
      min = 0;
    }
    if (max == min) {
      for (int i = 0; i < n; i++) {
        l[lOff + i] = 0;
      }
      mins[minAt] = -min;
      return 0f;
    }
    float iscale = nmax / (max - min);
    float scale = 1 / iscale;
    float bestError = 0;
    for (int i = 0; i < n; i++) {
      int q = clamp(nearestInt(iscale * (x[xOff + i] - min)), 0, nmax);
      l[lOff + i] = q;
      float diff = scale * q + min - x[xOff + i];
      diff = useMad ? Math.abs(diff) : diff * diff;
      bestError += weights[i] * diff;
    }
    if (nstep < 1) {
      mins[minAt] = -min;
      return scale;
    }
    for (int is = 0; is <= nstep; is++) {
      iscale = (rmin + rdelta * is + nmax) / (max - min);
      float sumL = 0;
      float sumL2 = 0;
      float sumXl = 0;
      for (int i = 0; i < n; i++) {
        int q = clamp(nearestInt(iscale * (x[xOff + i] - min)), 0, nmax);
        laux[i] = q;
        float w = weights[i];
        sumL += w * q;
        sumL2 += w * q * q;
        sumXl += w * q * x[xOff + i];
      }
      // Two separately rounded products: ggml's scalar build has no FMA contraction here.
      float det = sumW * sumL2 - sumL * sumL;
      if (det > 0) {
        float thisScale = (sumW * sumXl - sumX * sumL) / det;
        float thisMin = (sumL2 * sumX - sumL * sumXl) / det;
        if (thisMin > 0) {
          thisMin = 0;
          thisScale = sumXl / sumL2;
        }
        float curError = 0;
        for (int i = 0; i < n; i++) {
          float diff = thisScale * laux[i] + thisMin - x[xOff + i];
          diff = useMad ? Math.abs(diff) : diff * diff;
          curError += weights[i] * diff;
        }
        if (curError < bestError) {
          System.arraycopy(laux, 0, l, lOff, n);
          bestError = curError;
          scale = thisScale;
          min = thisMin;
        }
      }
    }
    mins[minAt] = -min;
    return scale;
  }

  static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
