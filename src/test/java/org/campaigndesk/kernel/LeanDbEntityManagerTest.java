package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.junit.jupiter.api.Test;

/**
 * An insert checks the entity's id as the engine does, and renders the entity (its toString) only
 * for the message of an id the engine refuses.
 */
class LeanDbEntityManagerTest {

  /** An entity that counts how often it is rendered. */
  static final class Counted implements DbEntity {
    final AtomicInteger rendered = new AtomicInteger();
    String id;

    Counted(String id) {
      this.id = id;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public void setId(String id) {
      this.id = id;
    }

    @Override
    public Object getPersistentState() {
      return id;
    }

    @Override
    public String toString() {
      rendered.incrementAndGet();
      return "Counted[" + id + "]";
    }
  }

  LeanDbEntityManager.Manager manager() {
    ProcessEngineConfigurationImpl configuration = mock(ProcessEngineConfigurationImpl.class);
    when(configuration.getIdGenerator()).thenReturn(() -> "generated-1");
    return new LeanDbEntityManager.Manager(configuration, mock(PersistenceSession.class));
  }

  @Test
  void aValidId_isInsertedWithoutRenderingTheEntity() {
    LeanDbEntityManager.Manager manager = manager();
    Counted given = new Counted("task-1");
    Counted generated = new Counted(null);

    manager.insert(given);
    manager.insert(generated);

    assertThat(manager.getCachedEntity(Counted.class, "task-1")).isSameAs(given);
    assertThat(generated.getId()).isEqualTo("generated-1");
    assertThat(manager.getCachedEntity(Counted.class, "generated-1")).isSameAs(generated);
    assertThat(given.rendered).hasValue(0);
    assertThat(generated.rendered).hasValue(0);
  }

  @Test
  void theReservedId_isRefusedWithTheEnginesMessage() {
    LeanDbEntityManager.Manager manager = manager();
    Counted any = new Counted("*");

    assertThatThrownBy(() -> manager.insert(any)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Entity Counted[*] has an invalid id")
        .hasMessageContaining("is a reserved identifier");
    assertThat(manager.getCachedEntity(Counted.class, "*")).isNull();
  }

  @Test
  void aMissingId_isRefusedWithTheEnginesMessage() {
    Counted none = new Counted(null);

    assertThatThrownBy(() -> manager().validateId(none)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Entity Counted[null] has an invalid id");
  }
}
