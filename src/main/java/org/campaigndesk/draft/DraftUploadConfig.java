package org.campaigndesk.draft;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Plan documents (Word with pictures, PDFs) are larger than Spring's 1 MB upload default. */
@Configuration
public class DraftUploadConfig {

  /** The largest upload request (a 20 MB file and the form around it); security.ApiRequestBoundary holds bodies to it. */
  public static final long MAX_REQUEST_BYTES = 21L * 1024 * 1024;

  @Bean
  MultipartConfigElement multipartConfigElement() {
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setMaxFileSize(DataSize.ofMegabytes(20));
    factory.setMaxRequestSize(DataSize.ofBytes(MAX_REQUEST_BYTES));
    return factory.createMultipartConfig();
  }
}
