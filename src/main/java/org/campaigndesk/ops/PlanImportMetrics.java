package org.campaigndesk.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.campaigndesk.imports.PlanAlreadyImportedException;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.plan.PlanValidationException;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.dao.DuplicateKeyException;

/**
 * Counts plan imports, {@code campaigndesk.plan.imports} with tag outcome: imported, invalid (400),
 * duplicate (409, including two imports of one id at the same moment) or error. Observed from
 * outside {@link PlanImportService}: an advisor around its public {@code importPlan} methods, outside
 * the transaction, so a failure at commit counts too. (Infrastructure role: Spring's transaction
 * proxy of the service picks it up.)
 */
@Configuration(proxyBeanMethods = false)
public class PlanImportMetrics {

  static final String METER = "campaigndesk.plan.imports";

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor planImportCounting(ObjectProvider<MeterRegistry> registry) {
    MethodInterceptor counting = invocation -> {
      String outcome = "error";
      try {
        Object result = invocation.proceed();
        outcome = "imported";
        return result;
      } catch (PlanValidationException e) {
        outcome = "invalid";
        throw e;
      } catch (PlanAlreadyImportedException | DuplicateKeyException e) {
        outcome = "duplicate";
        throw e;
      } finally {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
          counter(meters, outcome).increment();
        }
      }
    };
    StaticMethodMatcherPointcutAdvisor advisor = new StaticMethodMatcherPointcutAdvisor(counting) {
      @Override
      public boolean matches(Method method, Class<?> targetClass) {
        return PlanImportService.class.isAssignableFrom(targetClass) && method.getName().equals("importPlan");
      }
    };
    advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return advisor;
  }

  static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder(METER).description("Plan imports by outcome").tag("outcome", outcome).register(registry);
  }

  /** Every outcome shows (with 0) before the first import. */
  @Bean
  Object planImportMeters(MeterRegistry registry) {
    for (String outcome : new String[] {"imported", "invalid", "duplicate", "error"}) {
      counter(registry, outcome);
    }
    return METER;
  }
}
