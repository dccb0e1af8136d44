package vn.giaydiduong.engine;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Registers {@link UserErrorMapper} in every Jersey application of the server: the REST API at
 * {@code /engine-rest} and the engine API that Tasklist and Cockpit call under {@code /camunda/api/engine}, whose
 * JAX-RS application is Camunda's own and takes no providers from Spring. Listed in
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}.
 */
public class UserErrorsFeature implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(UserErrorMapper.class)) {
      context.register(UserErrorMapper.class);
      context.register(UserErrorMapper.Unwrapped.class);
    }
  }
}
