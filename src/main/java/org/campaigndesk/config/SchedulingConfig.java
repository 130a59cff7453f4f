package org.campaigndesk.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Periodic housekeeping (kernel.TableStatistics). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulingConfig {}
