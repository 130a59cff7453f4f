package org.campaigndesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignDeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(CampaignDeskApplication.class, args);
  }
}
