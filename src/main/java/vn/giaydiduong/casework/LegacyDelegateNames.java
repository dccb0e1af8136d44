package vn.giaydiduong.casework;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Models deployed before the one review and the shared stamp model (version 1) name the household variants of the
 * review delegates and the market cards' own view listener; their running cases (those waiting in the stamping
 * segment cannot be migrated and finish on version 1) resolve the old names to the one bean, which serves every
 * kind of case alike. Drop once no version-1 instance runs (see docs/architecture.md).
 */
@Configuration(proxyBeanMethods = false)
class LegacyDelegateNames {

  @Bean
  static BeanFactoryPostProcessor legacyReviewDelegateNames() {
    return beanFactory -> {
      beanFactory.registerAlias("applyReview", "applyHouseholdReview");
      beanFactory.registerAlias("returnToReview", "returnHouseholdsToReview");
      beanFactory.registerAlias("showPasses", "showMarketCards");
    };
  }
}
