package org.campaigndesk.ledger;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The ledger page ({@code /ledger}): static HTML and script that read {@code /api/ledger}. */
@Controller
public class LedgerPageController {

  @GetMapping({"/ledger", "/ledger/"})
  public String page() {
    return "forward:/ledger/index.html";
  }
}
