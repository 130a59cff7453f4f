package org.campaigndesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.filter.FilterQuery;
import org.camunda.bpm.engine.task.TaskQuery;
import org.campaigndesk.config.CampaignDeskProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The filters belong to the configured coordinator (campaign-desk.admin.user-id), whatever it is called. */
class TasklistFiltersOwnerTest {

  @Test
  void newFilters_areOwnedByTheConfiguredAdmin() {
    CampaignDeskProperties properties = new Binder(new MapConfigurationPropertySource(
        Map.of("campaign-desk.admin.user-id", "county-coordinator")))
        .bindOrCreate("campaign-desk", CampaignDeskProperties.class);
    FilterService filterService = mock(FilterService.class);
    FilterQuery noFilterYet = mock(FilterQuery.class, RETURNS_SELF);
    when(noFilterYet.singleResult()).thenReturn(null);
    when(filterService.createFilterQuery()).thenReturn(noFilterYet);
    Filter filter = mock(Filter.class, RETURNS_SELF);
    when(filter.getId()).thenReturn("filter-1");
    when(filterService.newTaskFilter(anyString())).thenReturn(filter);
    when(filterService.saveFilter(filter)).thenReturn(filter);
    TaskService taskService = mock(TaskService.class);
    when(taskService.createTaskQuery()).thenAnswer(invocation -> mock(TaskQuery.class, RETURNS_SELF));

    org.campaigndesk.kernel.InstallationLock lock = mock(org.campaigndesk.kernel.InstallationLock.class);
    org.mockito.Mockito.doAnswer(invocation -> {
      invocation.<Runnable>getArgument(0).run();
      return null;
    }).when(lock).inTurn(org.mockito.ArgumentMatchers.any());

    new TasklistFilters(filterService, taskService, mock(IdentitySync.class), properties, lock).run(null);

    verify(lock).inTurn(org.mockito.ArgumentMatchers.any());

    verify(filter, times(6)).setOwner("county-coordinator");
    verify(filter, never()).setOwner("admin");
    assertThat(properties.admin().userId()).isEqualTo("county-coordinator");
  }
}
