package digits;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package graph stays one-way: data -> model -> train/eval -> export; predict needs only the SavedModel
 * (inference); cli on top. Checked on the compiled main classes.
 */
class PackageGraphTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("digits");

  @Test
  void nothingImportsTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("digits.cli..").should().dependOnClassesThat()
        .resideInAPackage("digits.cli..").check(MAIN);
  }

  @Test
  void readingServingAndBatchReadingNeedOnlyTheSavedModelNeverTrainingCode() {
    noClasses().that().resideInAnyPackage("digits.predict..", "digits.inference..", "digits.serve..",
        "digits.spark..").should()
        .dependOnClassesThat().resideInAnyPackage("digits.train..", "digits.model..", "digits.export..").check(MAIN);
  }

  @Test
  void onlyBatchReadingUsesSpark() {
    noClasses().that().resideOutsideOfPackage("digits.spark..").should().dependOnClassesThat()
        .resideInAPackage("org.apache.spark..").check(MAIN);
  }

  @Test
  void noPackageCycles() {
    slices().matching("digits.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
