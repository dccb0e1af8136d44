package vn.giaydiduong;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package picture of docs/architecture.md, enforced: procedures on top of what they share, capabilities
 * below, value types at the bottom, and no package cycles anywhere. A change that needs another arrow changes the
 * picture here and in the document, on purpose.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.giaydiduong");

  @Test
  void packagesFormNoCycles() {
    slices().matching("vn.giaydiduong.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void layersDependOnlyDownwards() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Operations").definedBy("vn.giaydiduong.operations..")
        .layer("Supervision").definedBy("vn.giaydiduong.supervision..")
        .layer("Checking").definedBy("vn.giaydiduong.verify..")
        .layer("CaseList").definedBy("vn.giaydiduong.caselist..")
        .layer("Procedures").definedBy("vn.giaydiduong.individual..", "vn.giaydiduong.organization..",
            "vn.giaydiduong.market..", "vn.giaydiduong.upload..", "vn.giaydiduong.administration..")
        .layer("Stamping").definedBy("vn.giaydiduong.stamping..")
        .layer("Casework").definedBy("vn.giaydiduong.casework..")
        .layer("Passes").definedBy("vn.giaydiduong.pass..")
        .layer("Capabilities").definedBy("vn.giaydiduong.intake..", "vn.giaydiduong.mail..",
            "vn.giaydiduong.qr..", "vn.giaydiduong.pdf..", "vn.giaydiduong.rules..", "vn.giaydiduong.engine..")
        .layer("Identity").definedBy("vn.giaydiduong.identity..")
        .layer("Wards").definedBy("vn.giaydiduong.ward..")
        .layer("Common").definedBy("vn.giaydiduong.common..")
        .whereLayer("Operations").mayNotBeAccessedByAnyLayer()
        .whereLayer("Supervision").mayNotBeAccessedByAnyLayer()
        .whereLayer("Checking").mayNotBeAccessedByAnyLayer()
        .whereLayer("CaseList").mayNotBeAccessedByAnyLayer()
        .whereLayer("Procedures").mayNotBeAccessedByAnyLayer()
        .whereLayer("Stamping").mayOnlyBeAccessedByLayers("Procedures")
        .whereLayer("Casework").mayOnlyBeAccessedByLayers("Stamping", "Procedures", "Checking", "CaseList")
        .whereLayer("Passes").mayOnlyBeAccessedByLayers("Casework", "Stamping", "Procedures", "Checking",
            "CaseList")
        .whereLayer("Capabilities").mayOnlyBeAccessedByLayers("Passes", "Casework", "Stamping", "Procedures",
            "Checking")
        .whereLayer("Identity").mayOnlyBeAccessedByLayers("Capabilities", "Passes", "Casework", "Stamping",
            "Procedures", "Checking", "Operations", "Supervision", "CaseList")
        .whereLayer("Wards").mayOnlyBeAccessedByLayers("Identity", "Capabilities", "Passes", "Casework",
            "Stamping", "Procedures", "Checking", "Operations", "Supervision", "CaseList")
        .check(MAIN);
  }
}
