package org.campaigndesk.reminder;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.Resource;

/**
 * The public holidays and make-up working days (调休) of the State Council's yearly notices, as
 * shipped in {@code calendar/cn-public-holidays.yaml}.
 */
public record OfficialHolidays(Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkingDays) {

  public static final OfficialHolidays NONE = new OfficialHolidays(Set.of(), Set.of());

  record File(List<Year> years) {}

  record Year(int year, String notice, @JsonProperty("days-off") List<Range> daysOff,
      @JsonProperty("make-up-working-days") List<LocalDate> makeUpWorkingDays) {}

  record Range(String name, LocalDate from, LocalDate to) {}

  public OfficialHolidays {
    daysOff = Set.copyOf(daysOff);
    makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
  }

  public static OfficialHolidays read(Resource resource) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    File file;
    try (InputStream in = resource.getInputStream()) {
      file = yaml.readValue(in, File.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the official holidays from " + resource, e);
    }
    Set<LocalDate> off = new TreeSet<>();
    Set<LocalDate> makeUp = new TreeSet<>();
    for (Year year : file.years()) {
      for (Range range : year.daysOff()) {
        if (range.to().isBefore(range.from())) {
          throw new IllegalArgumentException(resource + ": " + year.year() + " " + range.name() + " ends before it starts");
        }
        range.from().datesUntil(range.to().plusDays(1)).forEach(off::add);
      }
      makeUp.addAll(year.makeUpWorkingDays() == null ? List.of() : year.makeUpWorkingDays());
    }
    Set<LocalDate> both = new TreeSet<>(off);
    both.retainAll(makeUp);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(resource + ": days both off and make-up working days: " + both);
    }
    return new OfficialHolidays(off, makeUp);
  }
}
