package vn.giaydiduong.rules;

/**
 * The deployed version of a decision table that decided something: its decision definition id (as Cockpit and the
 * decision history name it) and version number. Analysts redeploy tables while the application runs, so what a
 * table decided is kept with the version that decided it.
 */
public record RuleVersion(String definitionId, int version) {

  public RuleVersion {
    if (definitionId == null || definitionId.isBlank() || version < 1) {
      throw new IllegalArgumentException("A rule version needs a definition id and a version from 1: "
          + definitionId + ", " + version);
    }
  }
}
