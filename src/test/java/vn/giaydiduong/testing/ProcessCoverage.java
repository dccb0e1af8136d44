package vn.giaydiduong.testing;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Makes a process test class fail when it leaves any element of its models unvisited, so "every path is tested"
 * is checked by the build, not only drawn in target/process-test-coverage/. Import it before
 * {@code ProcessEngineCoverageConfiguration}, whose default properties give way to these.
 */
public final class ProcessCoverage {

  private ProcessCoverage() {
  }

  /**
   * Every element of every process the test class runs, but the shared stamp model that the procedures call: its
   * own test class (stamping.StampAndSignProcessTest) covers it completely.
   */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Complete {
    @Bean
    ProcessEngineCoverageProperties completeProcessCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys(STAMP_AND_SIGN).build();
    }
  }

  /** The same for test classes that also run individual passes, only to have passes to work on. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class CompleteBesidesIndividualPasses {
    @Bean
    ProcessEngineCoverageProperties completeProcessCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys("individual-pass", STAMP_AND_SIGN).build();
    }
  }

  /** Every element of the shared stamp model, called here by individual passes only. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class CompleteStampAndSign {
    @Bean
    ProcessEngineCoverageProperties completeProcessCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys("individual-pass").build();
    }
  }

  private static final String STAMP_AND_SIGN = "stamp-and-sign";
}
