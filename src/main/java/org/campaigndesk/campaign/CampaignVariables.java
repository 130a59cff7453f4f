package org.campaigndesk.campaign;

/** Variables of the campaign process. */
public final class CampaignVariables {

  public static final String PROCESS_KEY = "campaign";
  public static final String CAMPAIGN_ID = "campaignId";
  public static final String CAMPAIGN_NAME = "campaignName";
  public static final String CAMPAIGN_START = "campaignStart";
  public static final String CAMPAIGN_END = "campaignEnd";
  public static final String CAMPAIGN_WINDOW_TEXT = "campaignWindowText";
  /** JSON: [{title, units: [{id, name}]}] */
  public static final String CAMPAIGN_ITEMS = "campaignItems";
  public static final String NEXT_CAMPAIGN_NAME = "nextCampaignName";
  public static final String REVIEW_KIND_LABEL = "reviewKindLabel";
  public static final String CAMPAIGN_STATUS = "campaignStatus";
  public static final String ASSIGNMENT = "assignment";
  public static final String REPORT_UNIT = "reportUnit";
  public static final String CARRIED_OVER_TEXT = "carriedOverText";
  /** The user task of a main content and unit (campaign.bpmn). */
  public static final String ITEM_TASK = "Task_CampaignItem";

  private CampaignVariables() {}
}
