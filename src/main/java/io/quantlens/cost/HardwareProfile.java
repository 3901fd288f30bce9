package io.quantlens.cost;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One device the cost model can price a plan on. Every constant carries its source; values are in
 * SI base units.
 *
 * @param id file name stem, e.g. {@code "nvidia-h100-sxm"}
 * @param name display name, e.g. {@code "NVIDIA H100 SXM5 80GB"}
 * @param kind one of {@link #KINDS}
 * @param processNode e.g. {@code "TSMC 4N"}, {@code "45 nm"}
 * @param peakMacsPerSecond dense multiply-accumulates per second for each precision the device runs
 *     natively (vendor ops/s ÷ 2; structured-sparsity figures ÷ 2 again)
 * @param memoryBandwidth bytes per second from DRAM/HBM
 * @param tdpWatts thermal design power (or the closest published power figure)
 * @param idleWatts power when idle
 * @param energyPerMac joules per MAC, for every precision in {@code peakMacsPerSecond}
 * @param energyPerDramByte joules per byte moved from DRAM/HBM
 * @param notes free text: what the profile covers and what it leaves out
 * @param int4TakesInt8Activations whether the INT4 units multiply 4-bit weights by 8-bit
 *     activations (W4A8, as AMD's AIE-ML does) rather than 4-bit by 4-bit; such a device runs W4A8
 *     layers at its INT4 rate and W4A4 layers with their activations widened to 8 bits
 */
public record HardwareProfile(
    String id,
    String name,
    String kind,
    String processNode,
    Map<Precision, Sourced> peakMacsPerSecond,
    Sourced memoryBandwidth,
    Sourced tdpWatts,
    Sourced idleWatts,
    Map<Precision, Sourced> energyPerMac,
    Sourced energyPerDramByte,
    String notes,
    boolean int4TakesInt8Activations) {

  /** The accepted values of {@code kind}. */
  public static final Set<String> KINDS =
      Set.of("datacenter-gpu", "edge-gpu", "edge-tpu", "cpu", "npu", "fpga-soc", "reference");

  public HardwareProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(processNode, "processNode");
    Objects.requireNonNull(memoryBandwidth, "memoryBandwidth");
    Objects.requireNonNull(tdpWatts, "tdpWatts");
    Objects.requireNonNull(idleWatts, "idleWatts");
    Objects.requireNonNull(energyPerDramByte, "energyPerDramByte");
    if (peakMacsPerSecond.isEmpty()) {
      throw new IllegalArgumentException(id + ": no precision with a peak throughput");
    }
    if (!energyPerMac.keySet().containsAll(peakMacsPerSecond.keySet())) {
      throw new IllegalArgumentException(id + ": energy per MAC missing for a native precision");
    }
    peakMacsPerSecond = Collections.unmodifiableMap(new EnumMap<>(peakMacsPerSecond));
    energyPerMac = Collections.unmodifiableMap(new EnumMap<>(energyPerMac));
    notes = notes == null ? "" : notes;
    if (int4TakesInt8Activations && !peakMacsPerSecond.containsKey(Precision.INT4)) {
      throw new IllegalArgumentException(id + ": INT4 activations' width given without INT4 units");
    }
  }

  /** A device whose INT4 units, if any, multiply 4-bit weights by 4-bit activations. */
  public HardwareProfile(
      String id,
      String name,
      String kind,
      String processNode,
      Map<Precision, Sourced> peakMacsPerSecond,
      Sourced memoryBandwidth,
      Sourced tdpWatts,
      Sourced idleWatts,
      Map<Precision, Sourced> energyPerMac,
      Sourced energyPerDramByte,
      String notes) {
    this(
        id,
        name,
        kind,
        processNode,
        peakMacsPerSecond,
        memoryBandwidth,
        tdpWatts,
        idleWatts,
        energyPerMac,
        energyPerDramByte,
        notes,
        false);
  }

  /** Whether the device has arithmetic units for {@code p}. */
  public boolean supports(Precision p) {
    return peakMacsPerSecond.containsKey(p);
  }

  /** The precisions the device runs natively, in {@link Precision} order. */
  public Set<Precision> nativePrecisions() {
    return peakMacsPerSecond.keySet();
  }

  /**
   * {@code p} when native; else the first native one in p's widening chain (INT4→INT8→FP16→BF16→
   * FP32; FP8→FP16→BF16→FP32; BF16→FP32; FP16→FP32); if none, the device's widest native precision.
   */
  public ComputeChoice computeFor(Precision p) {
    if (supports(p)) {
      return new ComputeChoice(
          p,
          p,
          true,
          p == Precision.INT4 && int4TakesInt8Activations
              ? "native INT4 x INT8 (W4A8) units"
              : "native " + p + " units");
    }
    for (Precision wider : wideningChain(p)) {
      if (supports(wider)) {
        return new ComputeChoice(
            p, wider, false, "no " + p + " units: computed as " + wider + ", storage savings only");
      }
    }
    Precision widest =
        peakMacsPerSecond.keySet().stream()
            .max(Comparator.comparingInt(Precision::bits).thenComparing(Comparator.reverseOrder()))
            .orElseThrow();
    return new ComputeChoice(
        p,
        widest,
        false,
        "no "
            + p
            + " units and nothing wider: computed as "
            + widest
            + ", the widest precision the device runs");
  }

  private static List<Precision> wideningChain(Precision p) {
    return switch (p) {
      case INT4 -> List.of(Precision.INT8, Precision.FP16, Precision.BF16, Precision.FP32);
      case INT8, FP8 -> List.of(Precision.FP16, Precision.BF16, Precision.FP32);
      case FP16, BF16 -> List.of(Precision.FP32);
      case FP32 -> List.of();
    };
  }
}
