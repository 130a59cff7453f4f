package org.campaigndesk.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Both HTTP APIs are open by default in Camunda; here they require a Camunda user. */
@Configuration
public class SecurityConfig {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    // Before the guard, which reads the user this filter authenticates.
    registration.setOrder(AUTHENTICATION_ORDER);
    return registration;
  }

  static final int ERRORS_ORDER = 0;
  static final int AUTHENTICATION_ORDER = 10;
  static final int GUARD_ORDER = 20;

  /** Outermost: rewrites the engine's 500 answers for authorization and tenant problems. */
  @Bean
  FilterRegistrationBean<EngineRestErrors> engineRestErrors() {
    FilterRegistrationBean<EngineRestErrors> registration = new FilterRegistrationBean<>(new EngineRestErrors());
    registration.setName("campaign-desk-engine-rest-errors");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(ERRORS_ORDER);
    return registration;
  }

  /** What a unit, leader or reader may ask of the engine; the web apps' REST API (Tasklist's) included. */
  @Bean
  FilterRegistrationBean<EngineRestGuard> engineRestGuard(IdentityService identityService, TaskService taskService,
      FormFields formFields) {
    FilterRegistrationBean<EngineRestGuard> registration =
        new FilterRegistrationBean<>(new EngineRestGuard(identityService, taskService, formFields));
    registration.setName("campaign-desk-engine-rest-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/cockpit/*");
    registration.setOrder(GUARD_ORDER);
    return registration;
  }

  /**
   * Before the authentication: a read-only engine request asks each authorization question once; a task
   * list runs in one transaction, the caller's password check and groups included.
   */
  @Bean
  FilterRegistrationBean<ReadRequestScope> readRequestScope(PlatformTransactionManager transactions) {
    FilterRegistrationBean<ReadRequestScope> registration = new FilterRegistrationBean<>(new ReadRequestScope(transactions));
    registration.setName("campaign-desk-read-request-scope");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(READ_SCOPE_ORDER);
    return registration;
  }

  static final int READ_SCOPE_ORDER = 5;

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(ProcessEngine processEngine) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
        new ApiAuthenticationFilter(processEngine.getIdentityService(), processEngine.getName()));
    registration.setName("campaign-desk-api-authentication");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(AUTHENTICATION_ORDER);
    return registration;
  }

  /** Cross-site writes and oversized plans are refused before anyone is authenticated or anything is read. */
  @Bean
  FilterRegistrationBean<ApiRequestBoundary> apiRequestBoundary() {
    FilterRegistrationBean<ApiRequestBoundary> registration = new FilterRegistrationBean<>(new ApiRequestBoundary());
    registration.setName("campaign-desk-api-boundary");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(ERRORS_ORDER);
    return registration;
  }
}
