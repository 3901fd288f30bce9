package io.quantlens.cli;

import io.quantlens.report.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code quantlens} command and its global options. */
@Command(
    name = "quantlens",
    mixinStandardHelpOptions = true,
    versionProvider = QuantLensCommand.Version.class,
    description = "Shows what quantization does to a neural network: its weights and its outputs.",
    subcommands = {
      InfoCommand.class,
      AnalyzeCommand.class,
      EvalCommand.class,
      SensitivityCommand.class,
      ActivationsCommand.class,
      SamplesCommand.class,
      CostCommand.class,
      HardwareCommand.class,
      BenchCommand.class,
      BitErrorsCommand.class,
      GenerateCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error", "3:bad input (unreadable or invalid file)"})
final class QuantLensCommand implements Runnable {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with error messages.")
  private boolean verbose;

  @picocli.CommandLine.Spec private picocli.CommandLine.Model.CommandSpec spec;

  boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The version the build wrote into the jar, the one the window's About shows. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"QuantLens " + BuildInfo.version()};
    }
  }
}
