package org.campaigndesk;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.task.KeyTaskStarter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.campaigndesk.mail.FlakyMailSender;

/** The whole application on in-memory H2 with the job executor off; one context shared by all such tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({FlakyMailSender.Config.class, StatementLog.Config.class})
public abstract class AbstractAppTest {

  static {
    // Before any application context starts: the app sends to the tests' SMTP server's port.
    TestSmtp.configure();
  }

  @Autowired
  protected ProcessEngine processEngine;

  /** The plan a test imported; its key tasks are found by their business keys. */
  protected String planId;

  @BeforeEach
  void initAssertions() {
    AbstractAssertions.init(processEngine);
    Mails.dropUndelivered();
  }

  protected ProcessInstance keyTask(int no) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(planId, no)).singleResult();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }
}
