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

  /** Every element of every process the test class runs. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Complete {
    @Bean
    ProcessEngineCoverageProperties completeProcessCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  /** The same for test classes that also run individual passes, only to have passes to work on. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class CompleteBesidesIndividualPasses {
    @Bean
    ProcessEngineCoverageProperties completeProcessCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys("individual-pass").build();
    }
  }
}
