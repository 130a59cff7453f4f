package org.campaigndesk.kernel;

/**
 * The one vocabulary of decisions in every process and form: a thing handed in is accepted or sent
 * back ({@link #ACCEPT}, {@link #RETURN}: a rectification's verification, a key task's acceptance);
 * a request is approved or refused ({@link #APPROVE}, {@link #REFUSE}: an extension, a score
 * appeal). Choices that are not decisions (appeal or not, the kind of accountability) keep their own values.
 */
public final class Decisions {

  public static final String ACCEPT = "accept";
  public static final String RETURN = "return";
  public static final String APPROVE = "approve";
  public static final String REFUSE = "refuse";

  private Decisions() {}
}
