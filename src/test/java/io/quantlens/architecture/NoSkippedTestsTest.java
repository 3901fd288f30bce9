package io.quantlens.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * No test skips itself: a test that cannot check what it is about fails. Assumptions, disabling
 * annotations and conditional execution would let a missing capability (a codec, an ONNX Runtime
 * type, POSIX permissions) pass the build as "skipped".
 */
@AnalyzeClasses(packages = "io.quantlens", importOptions = ImportOption.OnlyIncludeTests.class)
class NoSkippedTestsTest {

  @ArchTest
  static final ArchRule noAssumptionsOrConditions =
      noClasses()
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.junit.jupiter.api.Assumptions")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.junit.jupiter.api.Disabled")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.opentest4j.TestAbortedException")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("net.jqwik.api.Assume")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("net.jqwik.api.Disabled")
          .orShould()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "are JUnit's conditional-execution annotations (other than OS)",
                  c ->
                      c.getPackageName().equals("org.junit.jupiter.api.condition")
                          && !c.getName().equals("org.junit.jupiter.api.condition.OS")))
          .because("a test that cannot run what it checks must fail, not be skipped");
}
