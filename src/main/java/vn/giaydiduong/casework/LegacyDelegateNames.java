package vn.giaydiduong.casework;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Market-card models deployed before the one review (version 1) name the household variants of the review
 * delegates; their running cases resolve the old names to the one delegate, which serves households alike.
 * Drop once no version-1 market-card instance runs (see docs/architecture.md).
 */
@Configuration(proxyBeanMethods = false)
class LegacyDelegateNames {

  @Bean
  static BeanFactoryPostProcessor legacyReviewDelegateNames() {
    return beanFactory -> {
      beanFactory.registerAlias("applyReview", "applyHouseholdReview");
      beanFactory.registerAlias("returnToReview", "returnHouseholdsToReview");
    };
  }
}
