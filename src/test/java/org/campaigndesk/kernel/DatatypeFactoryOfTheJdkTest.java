package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's datatype factory is named only where the class path provides none and nobody named one,
 * and the engine's durations and cycles read as before.
 */
class DatatypeFactoryOfTheJdkTest {

  String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(DatatypeFactoryOfTheJdk.PROPERTY);
    System.clearProperty(DatatypeFactoryOfTheJdk.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(DatatypeFactoryOfTheJdk.PROPERTY);
    } else {
      System.setProperty(DatatypeFactoryOfTheJdk.PROPERTY, before);
    }
  }

  @Test
  void noProviderOnThePath_theJdksIsNamed_andCyclesReadAsBefore() throws Exception {
    DatatypeFactoryOfTheJdk.nameTheJdksUnlessProvided(getClass().getClassLoader());

    assertThat(System.getProperty(DatatypeFactoryOfTheJdk.PROPERTY)).isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    assertThat(DatatypeFactory.newInstance().getClass().getName()).isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    Date start = new Date(1_800_000_000_000L);
    assertThat(new DurationHelper("R3/PT1H", start).getDateAfter(start)).isEqualTo(new Date(start.getTime() + 3_600_000L));
  }

  @Test
  void aNamedFactory_isLeftAlone() {
    System.setProperty(DatatypeFactoryOfTheJdk.PROPERTY, "org.example.OperatorsFactory");

    DatatypeFactoryOfTheJdk.nameTheJdksUnlessProvided(getClass().getClassLoader());

    assertThat(System.getProperty(DatatypeFactoryOfTheJdk.PROPERTY)).isEqualTo("org.example.OperatorsFactory");
  }

  @Test
  void aProviderOnThePath_isLeftToBeFound(@TempDir Path jar) throws IOException {
    Path services = Files.createDirectories(jar.resolve("META-INF/services"));
    Files.writeString(services.resolve(DatatypeFactory.class.getName()), DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS + "\n");
    try (URLClassLoader withProvider = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      DatatypeFactoryOfTheJdk.nameTheJdksUnlessProvided(withProvider);
    }

    assertThat(System.getProperty(DatatypeFactoryOfTheJdk.PROPERTY)).isNull();
  }
}
