package digits;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package graph stays one-way: data -> model -> train/eval -> export; predict needs only the SavedModel
 * (inference), its rooms reach only down; the generators of training data (samples) serve training alone; cli on
 * top. Checked on the compiled main classes.
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
        .dependOnClassesThat().resideInAnyPackage("digits.train..", "digits.model..", "digits.export..",
            "digits.run..", "digits.samples..").check(MAIN);
  }

  @Test
  void theGeneratorsOfTrainingDataServeTrainingOnly() {
    noClasses().that().resideOutsideOfPackages("digits.samples..", "digits.run..").should()
        .dependOnClassesThat().resideInAPackage("digits.samples..").check(MAIN);
  }

  /**
   * The reader's rooms, lowest first: image (decoding, bounded) and ink (the ink on its paper, a digit's 28x28
   * input), segment (pieces of ink, a line), search (grouping pieces into digits); the recognizer on top. A room
   * never reaches up.
   */
  @Test
  void theReadersRoomsOnlyReachDown() {
    noClasses().that().resideInAnyPackage("digits.predict.image..", "digits.predict.ink..",
        "digits.predict.segment..", "digits.predict.search..").should().dependOnClassesThat()
        .resideInAPackage("digits.predict").check(MAIN);
    noClasses().that().resideInAnyPackage("digits.predict.image..", "digits.predict.ink..").should()
        .dependOnClassesThat().resideInAnyPackage("digits.predict.segment..", "digits.predict.search..").check(MAIN);
    noClasses().that().resideInAPackage("digits.predict.segment..").should().dependOnClassesThat()
        .resideInAPackage("digits.predict.search..").check(MAIN);
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
