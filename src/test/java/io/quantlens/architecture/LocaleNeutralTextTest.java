package io.quantlens.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.NumberFormat;

/**
 * The command line's tables and the report files format numbers in {@code Locale.ROOT}, through
 * {@code report.NumberText} or a call that names the locale: the overloads that use the default
 * locale would write 9,185 for 9.185 under a German or Vietnamese default.
 */
@AnalyzeClasses(packages = "io.quantlens", importOptions = ImportOption.DoNotIncludeTests.class)
class LocaleNeutralTextTest {
  @ArchTest
  static final ArchRule noDefaultLocaleFormatting =
      noClasses()
          .that()
          .resideInAnyPackage("io.quantlens.cli..", "io.quantlens.report..")
          .should()
          .callMethod(String.class, "format", String.class, Object[].class)
          .orShould()
          .callMethod(String.class, "formatted", Object[].class)
          .orShould()
          .callMethod(PrintWriter.class, "printf", String.class, Object[].class)
          .orShould()
          .callMethod(PrintWriter.class, "format", String.class, Object[].class)
          .orShould()
          .callMethod(PrintStream.class, "printf", String.class, Object[].class)
          .orShould()
          .callMethod(PrintStream.class, "format", String.class, Object[].class)
          .orShould()
          .callConstructor(DecimalFormat.class, String.class)
          .orShould()
          .callMethod(NumberFormat.class, "getInstance")
          .orShould()
          .callMethod(NumberFormat.class, "getNumberInstance")
          .because("tables and files must read the same in every locale");
}
