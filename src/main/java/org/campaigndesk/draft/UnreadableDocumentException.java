package org.campaigndesk.draft;

/** The uploaded file is not a plan document this application can read; the message is for the coordinator. */
public class UnreadableDocumentException extends RuntimeException {

  public UnreadableDocumentException(String message) {
    super(message);
  }

  public UnreadableDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
