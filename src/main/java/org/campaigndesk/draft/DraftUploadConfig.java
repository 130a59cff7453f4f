package org.campaigndesk.draft;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Plan documents (Word with pictures, PDFs) are larger than Spring's 1 MB upload default. */
@Configuration
public class DraftUploadConfig {

  @Bean
  MultipartConfigElement multipartConfigElement() {
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setMaxFileSize(DataSize.ofMegabytes(20));
    factory.setMaxRequestSize(DataSize.ofBytes(org.campaigndesk.config.ApiRequestBoundary.MAX_DOCUMENT_BODY));
    return factory.createMultipartConfig();
  }
}
