package org.campaigndesk.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.campaigndesk.kernel.ApiCaller;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger (台账) as JSON ({@code GET /api/ledger}), one key task's history
 * ({@code GET /api/ledger/{instanceId}}) and the Excel export ({@code GET /api/ledger.xlsx}); the
 * same filters as query parameters for all three (see {@link LedgerFilter}). Every authenticated
 * Camunda user may call them; each sees what {@link Viewer} allows.
 */
@RestController
public class LedgerController {

  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final ZoneId OFFICE_ZONE = org.campaigndesk.kernel.Zones.DEFAULT;

  private final LedgerService ledgers;
  private final LedgerDetail details;
  private final Viewers viewers;
  private final LedgerItems items;

  private final KeyTaskDossier dossiers;
  private final ProcessFiles processFiles;

  public LedgerController(LedgerService ledgers, LedgerDetail details, Viewers viewers, LedgerItems items,
      KeyTaskDossier dossiers, ProcessFiles processFiles) {
    this.processFiles = processFiles;
    this.dossiers = dossiers;
    this.items = items;
    this.ledgers = ledgers;
    this.details = details;
    this.viewers = viewers;
  }

  @GetMapping(value = "/api/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
  public Ledger ledger(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      @RequestParam(required = false) String county, @RequestParam(required = false) String plan,
      @RequestParam(required = false) String campaign, @RequestParam(required = false) String unit,
      @RequestParam(required = false) String leader, @RequestParam(required = false) String colour,
      @RequestParam(required = false) String status, @RequestParam(required = false) String sort,
      @RequestParam(required = false) String dir) {
    return ledgers.build(viewers.of(userId), new LedgerFilter(county, plan, campaign, unit, leader, colour, status, sort, dir));
  }

  /**
   * The other tabs: {@code /api/ledger/rectifications} (问题整改), {@code /api/ledger/targets} (挂牌督战)
   * and {@code /api/ledger/campaign-items} (阶段行动主要内容).
   */
  @GetMapping(value = {"/api/ledger/rectifications", "/api/ledger/targets", "/api/ledger/campaign-items"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  public java.util.List<LedgerItems.ItemRow> items(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      jakarta.servlet.http.HttpServletRequest request, @RequestParam(required = false) String plan,
      @RequestParam(required = false) String colour) {
    String tab = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
    return items.rows(viewers.of(userId), LedgerItems.Kind.parse(tab), plan, colour);
  }

  @GetMapping(value = "/api/ledger/{instanceId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<LedgerDetail.Detail> detail(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      @PathVariable String instanceId) {
    // Visibility as on the ledger: a row the user cannot see is "not found", not "forbidden".
    return ResponseEntity.of(ledgers.row(viewers.of(userId), instanceId).flatMap(details::of));
  }

  /** What the completion request and the acceptance forms show of the key task (Tasklist reads it with its session). */
  @GetMapping(value = "/api/ledger/{instanceId}/dossier", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<KeyTaskDossier.Dossier> dossier(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      @PathVariable String instanceId) {
    return ResponseEntity.of(dossiers.of(viewers.of(userId), instanceId));
  }

  /** The evidence files of a rectification or a score appeal, for the step that reviews them. */
  @GetMapping(value = "/api/ledger/process/{instanceId}/files", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<java.util.List<ProcessFiles.StepFiles>> processFiles(
      @RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId, @PathVariable String instanceId) {
    return ResponseEntity.of(processFiles.of(viewers.of(userId), instanceId));
  }

  /** One of them, opened in the browser (images, PDF) or downloaded (Word, Excel). */
  @GetMapping("/api/ledger/process/{instanceId}/files/{variableId}")
  public ResponseEntity<byte[]> processFile(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      @PathVariable String instanceId, @PathVariable String variableId) {
    return opened(processFiles.file(viewers.of(userId), instanceId, variableId));
  }

  /** A submitted evidence file, opened in the browser (images, PDF) or downloaded (Word, Excel). */
  @GetMapping("/api/ledger/{instanceId}/files/{variableId}")
  public ResponseEntity<byte[]> file(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      @PathVariable String instanceId, @PathVariable String variableId) {
    return opened(dossiers.file(viewers.of(userId), instanceId, variableId));
  }

  private static ResponseEntity<byte[]> opened(java.util.Optional<EvidenceFileReader.OpenedFile> file) {
    return file.map(f -> {
      boolean inline = f.mimeType().startsWith("image/") || f.mimeType().equals("application/pdf");
      ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
          .filename(f.name(), StandardCharsets.UTF_8).build();
      return ResponseEntity.ok().contentType(MediaType.parseMediaType(f.mimeType()))
          .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
          .header("X-Content-Type-Options", "nosniff")
          .body(f.content());
    }).orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/api/ledger.xlsx")
  public ResponseEntity<byte[]> excel(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      @RequestParam(required = false) String county, @RequestParam(required = false) String plan,
      @RequestParam(required = false) String campaign, @RequestParam(required = false) String unit,
      @RequestParam(required = false) String leader, @RequestParam(required = false) String colour,
      @RequestParam(required = false) String status, @RequestParam(required = false) String sort,
      @RequestParam(required = false) String dir) throws IOException {
    Ledger ledger = ledgers.build(viewers.of(userId), new LedgerFilter(county, plan, campaign, unit, leader, colour, status, sort, dir));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerExcel.write(ledger, OFFICE_ZONE, out);
    String name = "重点工作台账-" + LocalDate.ofInstant(ledger.asOf(), OFFICE_ZONE) + ".xlsx";
    return ResponseEntity.ok().contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
        .body(out.toByteArray());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<Map<String, String>> badFilter(IllegalArgumentException e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("error", e.getMessage()));
  }
}
