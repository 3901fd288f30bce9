package io.quantlens.cli;

import io.quantlens.cost.HardwareProfile;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.Precision;
import io.quantlens.cost.Sourced;
import io.quantlens.report.NumberText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quantlens hardware}: the hardware profiles the cost model can use. */
@Command(name = "hardware", mixinStandardHelpOptions = true)
final class HardwareCommand implements Callable<Integer> {
  @Option(names = "--show", paramLabel = "ID", descriptionKey = "option.hardware.show")
  private String show;

  @Option(names = "--folder", paramLabel = "DIR", descriptionKey = "option.hardware.folder")
  private Path folder;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path userFolder = folder != null ? folder : HardwareProfiles.defaultUserFolder();
    HardwareProfiles profiles = HardwareProfiles.load(userFolder);
    PrintWriter out = spec.commandLine().getOut();
    if (show != null) {
      HardwareProfile p =
          profiles
              .byId(show)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no hardware profile '"
                              + show
                              + "' (known: "
                              + String.join(", ", profiles.ids())
                              + ")"));
      describe(p, out);
    } else {
      list(profiles, userFolder, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void list(HardwareProfiles profiles, Path userFolder, PrintWriter out) {
    out.printf(Locale.ROOT, "User profiles  %s%n", userFolder);
    out.println("Peaks are dense (no sparsity), in TFLOPS for float and TOPS for integer formats.");
    out.println();
    out.printf(Locale.ROOT, "%-28s %-14s %-30s", "id", "kind", "process node");
    for (Precision p : Precision.values()) {
      out.printf(Locale.ROOT, " %8s", p.id());
    }
    out.printf(Locale.ROOT, " %9s %7s  %s%n", "BW GB/s", "TDP W", "name");
    for (HardwareProfile h : profiles.all()) {
      out.printf(Locale.ROOT, "%-28s %-14s %-30s", h.id(), h.kind(), h.processNode());
      for (Precision p : Precision.values()) {
        Sourced macs = h.peakMacsPerSecond().get(p);
        out.printf(Locale.ROOT, " %8s", macs == null ? "-" : teraOps(macs.value()));
      }
      out.printf(
          Locale.ROOT,
          " %9s %7s  %s%n",
          NumberText.brief(h.memoryBandwidth().value() / 1e9),
          NumberText.brief(h.tdpWatts().value()),
          h.name());
    }
    out.println();
    out.println("Details and sources: quantlens hardware --show ID");
  }

  private static void describe(HardwareProfile h, PrintWriter out) {
    out.printf(Locale.ROOT, "Id            %s%n", h.id());
    out.printf(Locale.ROOT, "Name          %s%n", h.name());
    out.printf(Locale.ROOT, "Kind          %s%n", h.kind());
    out.printf(Locale.ROOT, "Process node  %s%n", h.processNode());
    out.println();
    out.println("Peak throughput, dense (1 MAC = 2 ops)");
    for (Map.Entry<Precision, Sourced> e : h.peakMacsPerSecond().entrySet()) {
      Sourced s = e.getValue();
      out.printf(
          Locale.ROOT,
          "  %-5s %s MAC/s = %s T%s%n        %s%n",
          e.getKey().id(),
          NumberText.significant(s.value(), 4),
          teraOps(s.value()),
          e.getKey().name().startsWith("INT") ? "OPS" : "FLOPS",
          s.provenance());
    }
    out.println("Energy per MAC");
    for (Map.Entry<Precision, Sourced> e : h.energyPerMac().entrySet()) {
      Sourced s = e.getValue();
      out.printf(
          Locale.ROOT,
          "  %-5s %s pJ%n        %s%n",
          e.getKey().id(),
          NumberText.brief(s.value() * 1e12),
          s.provenance());
    }
    constant(out, "Memory bandwidth", h.memoryBandwidth(), 1e-9, "GB/s");
    constant(out, "Energy per DRAM byte", h.energyPerDramByte(), 1e12, "pJ");
    constant(out, "TDP", h.tdpWatts(), 1, "W");
    constant(out, "Idle power", h.idleWatts(), 1, "W");
    if (!h.notes().isBlank()) {
      out.println();
      out.printf(Locale.ROOT, "Notes  %s%n", h.notes());
    }
  }

  private static void constant(
      PrintWriter out, String label, Sourced s, double scale, String unit) {
    out.printf(
        Locale.ROOT,
        "%-21s %s %s%n        %s%n",
        label,
        NumberText.brief(s.value() * scale),
        unit,
        s.provenance());
  }

  /** MAC/s as dense tera-operations per second (2 ops per MAC). */
  private static String teraOps(double macsPerSecond) {
    return NumberText.brief(2 * macsPerSecond / 1e12);
  }
}
