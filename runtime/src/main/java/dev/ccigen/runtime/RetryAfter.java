package dev.ccigen.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How long the server asked us to wait: the {@code Retry-After} header (seconds or an HTTP date), else
 * a Kubernetes Status body's {@code details.retryAfterSeconds}. Never an error, always between zero and
 * the cap: a huge value is capped, a date in the past means no wait, and a header that is not a
 * number of seconds or an HTTP date ({@code -5}, {@code abc}, {@code 1.5}) is ignored, as if absent.
 */
final class RetryAfter {

    private final Duration cap;
    private final Clock clock;

    RetryAfter(Duration cap, Clock clock) {
        this.cap = cap.isNegative() ? Duration.ZERO : cap;
        this.clock = clock;
    }

    /** Empty when the server gave no usable hint: the caller then backs off on its own schedule. */
    Optional<Duration> delay(ApiException error) {
        String header = error.header("Retry-After");
        if (header != null && !header.isBlank()) {
            Optional<Duration> fromHeader = parse(header.trim());
            if (fromHeader.isPresent()) {
                return fromHeader.map(this::clamp);
            }
        }
        return error.status()
                .map(Status::getDetails)
                .map(Status.Details::getRetryAfterSeconds)
                .map(seconds -> clamp(Duration.ofSeconds(seconds)));
    }

    private Optional<Duration> parse(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // more than 18 digits would overflow a long: that is "very long", so the cap
            return Optional.of(value.length() > 18 ? cap : Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(Duration.between(clock.instant(), date.toInstant()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Duration clamp(Duration value) {
        if (value.isNegative()) {
            return Duration.ZERO;
        }
        return value.compareTo(cap) > 0 ? cap : value;
    }
}
