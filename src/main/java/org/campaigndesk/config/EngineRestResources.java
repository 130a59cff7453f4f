package org.campaigndesk.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * The engine's REST API ({@code /engine-rest}) as Camunda's starter registers it, with one change:
 * its JSON mapper is made once instead of for every use. Camunda's {@link JacksonConfigurator} makes
 * a new {@code ObjectMapper} each time the REST layer asks for one (reading the body, writing the
 * answer, the filter's query and variables), and a new mapper learns every class it meets again by
 * reflection: about a sixth of the CPU of a Tasklist filter list (JFR, issue 15). The mapper is
 * configured by the same {@link JacksonConfigurator#configureObjectMapper} (kernel.Json#engineRest), so answers are unchanged;
 * an ObjectMapper is safe to share once configured (it clones its date format per use).
 */
@Component
@ApplicationPath("/engine-rest")
public class EngineRestResources extends CamundaJerseyResourceConfig {

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    Set<Class<?>> configuration = new LinkedHashSet<>(CamundaRestResources.getConfigurationClasses());
    configuration.remove(JacksonConfigurator.class);
    registerClasses(configuration);
    register(OneObjectMapper.class);
    register(JacksonFeature.class);
  }

  /** Camunda's mapper configuration, made on first use (after any date format set at start-up) and kept. */
  public static class OneObjectMapper implements ContextResolver<ObjectMapper> {

    private volatile ObjectMapper mapper;

    @Override
    public ObjectMapper getContext(Class<?> type) {
      ObjectMapper made = mapper;
      if (made == null) {
        synchronized (this) {
          if (mapper == null) {
            mapper = org.campaigndesk.kernel.Json.engineRest();
          }
          made = mapper;
        }
      }
      return made;
    }
  }
}
