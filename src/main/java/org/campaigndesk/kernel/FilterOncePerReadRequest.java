package org.campaigndesk.kernel;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.Arrays;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.persistence.entity.FilterManager;
import org.springframework.stereotype.Component;

/**
 * A filter is read once per read-only request ({@link ReadRequestAuthorizations}). Tasklist's filter
 * list reads it three times, each in its own engine command: the REST layer (for the variable
 * columns), the page and the count. Whether the caller may read it is still asked every time (and
 * answered once per request by the authorization manager); each reader gets its own copy, built as
 * the engine builds a filter it loads, so that a command changing its query (the page sets its
 * paging) leaves the others' alone. Requests that may write never open a scope and read as the
 * engine does.
 */
@Component
public class FilterOncePerReadRequest extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineSessions.replace(configuration, FilterManager.class, Manager::new);
  }

  static final class Manager extends FilterManager {

    @Override
    public FilterEntity findFilterById(String filterId) {
      ReadRequestAuthorizations request = ReadRequestAuthorizations.current();
      if (request == null || filterId == null) {
        return super.findFilterById(filterId);
      }
      checkAuthorization(READ, FILTER, filterId);
      FilterEntity stored = request.answer(Arrays.asList("filter", filterId), () -> findFilterByIdInternal(filterId));
      return stored == null ? null : copyOf(stored);
    }

    /** A fresh filter with the stored one's columns, as MyBatis fills one from its row. */
    static FilterEntity copyOf(FilterEntity stored) {
      FilterEntity copy = new FilterEntity(stored.getResourceType());
      copy.setId(stored.getId());
      copy.setName(stored.getName());
      copy.setOwner(stored.getOwner());
      copy.setQueryInternal(stored.getQueryInternal());
      copy.setPropertiesInternal(stored.getProperties() == null ? null : stored.getPropertiesInternal());
      copy.setRevision(stored.getRevision());
      copy.postLoad();
      return copy;
    }
  }
}
