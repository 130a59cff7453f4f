package org.campaigndesk.draft;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * POST /api/plans/draft: a plan document (.docx, .pdf with a text layer, .txt) in the multipart field
 * {@code file} → {@code {"draft": "<plan file YAML>", "review": [{path, message, sourceLine}]}}.
 * It never imports. POST /api/plans/draft/check runs the plan-file checks on an edited draft.
 * Coordinators only, like all of /api (ApiAuthenticationFilter).
 */
@RestController
@RequestMapping("/api/plans/draft")
public class DraftController {

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public DraftResult draft(@RequestParam("file") MultipartFile file) throws IOException {
    if (file.isEmpty()) {
      throw new UnreadableDocumentException("上传的文件是空的");
    }
    return PlanDrafter.draft(file.getOriginalFilename(), file.getBytes());
  }

  /**
   * The checks for a draft being edited: 200 with the problems, empty when none. First the page's
   * own checks (Chinese messages); when they pass, the plan reader's, as the import applies them
   * (schema and cross-references, without touching the database).
   */
  @PostMapping(path = "/check", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> check(@RequestBody(required = false) String yaml) {
    if (yaml == null) {
      return Map.of("errors", List.of(new PlanFileChecks.Problem("", "文件是空的")));
    }
    List<PlanFileChecks.Problem> problems = PlanFileChecks.check(yaml);
    if (problems.isEmpty()) {
      try {
        new PlanReader().read(yaml);
      } catch (PlanValidationException e) {
        problems = e.errors().stream().map(error -> new PlanFileChecks.Problem(error.path(), error.message())).toList();
      }
    }
    return Map.of("errors", problems);
  }

  @ExceptionHandler(UnreadableDocumentException.class)
  public ResponseEntity<Map<String, String>> unreadable(UnreadableDocumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  public ResponseEntity<Map<String, String>> missingFile(MissingServletRequestPartException e) {
    return ResponseEntity.badRequest().body(Map.of("error", "请在表单字段 file 中上传计划文件（.docx、.pdf 或 .txt）"));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  public ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Map.of("error", "文件过大（上限 20 MB）"));
  }
}
