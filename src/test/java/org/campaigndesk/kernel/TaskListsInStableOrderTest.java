package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.campaigndesk.AbstractAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages of a sorted task list neither repeat nor skip a task when many tasks share the sort's values
 * (a campaign's items: one priority, one due date): the order ends with the task's id. The tasks are
 * written in an order other than their ids', so that a list ordered by how the rows happen to lie
 * would differ.
 */
class TaskListsInStableOrderTest extends AbstractAppTest {

  private static final int TASKS = 40;
  private static final int PAGE = 15;

  private final List<String> ids = new ArrayList<>();
  private String filterId;

  @BeforeEach
  void tasksThatTie() {
    TaskService tasks = processEngine.getTaskService();
    Date due = new Date(1_800_000_000_000L);
    List<Integer> numbers = new ArrayList<>(IntStream.range(0, TASKS).boxed().toList());
    Collections.shuffle(numbers, new Random(15));
    for (int n : numbers) {
      Task task = tasks.newTask(String.format("tlso-%02d", n));
      task.setName("同一行动的主要内容");
      task.setPriority(50);
      task.setDueDate(due);
      tasks.saveTask(task);
      ids.add(task.getId());
    }
  }

  @Test
  void pagesOfAListSortedByPriorityAndDueDate_eachTaskOnceInIdOrder() {
    List<String> paged = new ArrayList<>();
    for (int first = 0; first < TASKS; first += PAGE) {
      paged.addAll(sortedAsTasklistDoes().listPage(first, PAGE).stream().map(Task::getId).toList());
    }
    assertThat(paged).hasSize(TASKS).doesNotHaveDuplicates().isSorted().containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void pagesOfAFiltersList_eachTaskOnceInIdOrder() {
    FilterService filters = processEngine.getFilterService();
    Filter filter = filters.newTaskFilter("同一截止日期").setQuery(sortedAsTasklistDoes());
    filterId = filters.saveFilter(filter).getId();
    List<String> paged = new ArrayList<>();
    for (int first = 0; first < TASKS; first += PAGE) {
      paged.addAll(filters.<Task>listPage(filterId, first, PAGE).stream().map(Task::getId).toList());
    }
    assertThat(paged).hasSize(TASKS).doesNotHaveDuplicates().isSorted().containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void aListSortedByIdKeepsItsDirection() {
    List<String> byIdDescending = processEngine.getTaskService().createTaskQuery().taskIdIn(ids.toArray(String[]::new))
        .orderByTaskId().desc().orderByTaskPriority().desc().list().stream().map(Task::getId).toList();
    List<String> expected = new ArrayList<>(ids);
    expected.sort(Collections.reverseOrder());
    assertThat(byIdDescending).containsExactlyElementsOf(expected);
  }

  private TaskQuery sortedAsTasklistDoes() {
    return processEngine.getTaskService().createTaskQuery().taskIdIn(ids.toArray(String[]::new))
        .orderByTaskPriority().desc().orderByDueDate().asc();
  }

  @AfterEach
  void removeTasks() {
    if (filterId != null) {
      processEngine.getFilterService().deleteFilter(filterId);
    }
    ids.forEach(id -> processEngine.getTaskService().deleteTask(id, true));
  }
}
