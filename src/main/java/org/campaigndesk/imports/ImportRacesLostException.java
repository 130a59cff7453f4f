package org.campaigndesk.imports;

/**
 * An import, withdrawal or revision that lost its race with other transactions every time it was
 * run (PlanImportService.ATTEMPTS): nothing of it was stored, and sent again later it will run.
 */
public class ImportRacesLostException extends RuntimeException {

  public ImportRacesLostException(int attempts, RuntimeException last) {
    super("the database was busy with other imports at the same moment " + attempts
        + " times; nothing was stored: send it again", last);
  }
}
