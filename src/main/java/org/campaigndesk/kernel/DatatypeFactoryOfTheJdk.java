package org.campaigndesk.kernel;

import java.io.IOException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine makes a new {@link DatatypeFactory} for every ISO 8601 duration or cycle it reads (its
 * DurationHelper), and each {@link DatatypeFactory#newInstance()} without the system property
 * {@value #PROPERTY} searches the class path for a provider: through every jar of the application,
 * for every cycle timer an import creates or a month's storm moves on (a fortieth of a county
 * import's CPU, JFR). Where no jar provides one, the search always ends in the JDK's own
 * implementation; this names it in the property at start, so the factory is made at once. A provider
 * on the class path, or a property set by the operator, is left as it is.
 */
@Component
public class DatatypeFactoryOfTheJdk extends AbstractProcessEnginePlugin {

  static final String PROPERTY = DatatypeFactory.DATATYPEFACTORY_PROPERTY;
  static final String SERVICE_FILE = "META-INF/services/" + DatatypeFactory.class.getName();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    nameTheJdksUnlessProvided(Thread.currentThread().getContextClassLoader());
  }

  /** Sets the property to the JDK's implementation when neither the property nor a provider on {@code classes}' path names one. */
  static void nameTheJdksUnlessProvided(ClassLoader classes) {
    if (System.getProperty(PROPERTY) == null && !providerDeclared(classes)) {
      System.setProperty(PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
  }

  /** Whether a jar declares a provider (the service file the JDK's search reads, whether or not its class loads). */
  private static boolean providerDeclared(ClassLoader classes) {
    try {
      return classes.getResources(SERVICE_FILE).hasMoreElements();
    } catch (IOException unreadable) {
      return true;
    }
  }
}
