package vn.giaydiduong;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The jar has no default profile, so a forgotten profile never yields demo users; started without one, it says
 * which profiles exist (instead of failing later on a missing mail server or master key). Runs before any bean is
 * created.
 */
@Component
public class ProfileCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  static final String PROFILES = "demo (./mvnw spring-boot:run: H2, demo users, embedded mail server), postgres "
      + "(production: PostgreSQL, SMTP, keys and administrator from environment variables), and with postgres "
      + "checking-node (a node that serves the checkpoints)";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (environment.getActiveProfiles().length == 0) {
      throw new NoProfileException();
    }
  }

  /** Reported by {@link Analyzer} as Spring Boot's "APPLICATION FAILED TO START", without a stack trace. */
  public static class NoProfileException extends IllegalStateException {

    NoProfileException() {
      super("No Spring profile is active");
    }
  }

  /** What failed and what to do, for the operator. */
  public static class Analyzer extends AbstractFailureAnalyzer<NoProfileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoProfileException cause) {
      return new FailureAnalysis("The application was started without a profile. The profiles are: " + PROFILES
          + ".", "Start it with SPRING_PROFILES_ACTIVE=postgres (production) or "
          + "--spring.profiles.active=demo (a demonstration); ./mvnw spring-boot:run chooses demo.", cause);
    }
  }
}
