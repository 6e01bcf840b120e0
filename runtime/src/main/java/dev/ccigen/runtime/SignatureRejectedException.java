package dev.ccigen.runtime;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HTTP 401 to a request signed with AK/SK: the gateway found the signature wrong ({@code APIGW.0301 ... verify aksk
 * signature fail}), or its date too far from the gateway's clock. The message says which to look at: the key pair,
 * or this machine's clock, with the server's {@code Date} next to the local time when they are minutes apart.
 */
public class SignatureRejectedException extends UnauthorizedException {

    private static final long serialVersionUID = 1L;
    /** A difference of clocks worth mentioning: network delays and whole-second dates stay well below it. */
    static final Duration NOTABLE_SKEW = Duration.ofMinutes(1);
    /** What the gateway's messages say when the signature or its date is wrong ("verify aksk signature fail"). */
    private static final Pattern SIGNATURE_OR_DATE = Pattern.compile("(?i)signature|sdk-date|\\bdate\\b|\\bexpired\\b");

    private final Instant serverTime;
    private final Instant localTime;

    /**
     * @param headers response headers; {@code Date} is read from them
     * @param localTime this machine's clock when the answer came
     */
    public SignatureRejectedException(
            String method, URI uri, int statusCode, Map<String, List<String>> headers, String body, Instant localTime) {
        super(method, uri, statusCode, headers, body);
        this.localTime = localTime;
        this.serverTime = serverTime(header("Date"));
    }

    /**
     * {@code error} as a {@link SignatureRejectedException} when it is a 401 whose message speaks of the signature or
     * the date, or whose {@code Date} is minutes away from {@code localTime}; any other error as it is (an unknown
     * access key, say, is a plain {@link UnauthorizedException}).
     */
    static ApiException explain(ApiException error, Instant localTime) {
        if (error.statusCode() != 401) {
            return error;
        }
        String message = error.errorMessage() == null ? "" : error.errorMessage();
        Instant serverTime = serverTime(error.header("Date"));
        boolean skewed = serverTime != null
                && Duration.between(serverTime, localTime).abs().compareTo(NOTABLE_SKEW) >= 0;
        if (!skewed && !SIGNATURE_OR_DATE.matcher(message).find()) {
            return error;
        }
        return new SignatureRejectedException(
                error.method(), error.uri(), error.statusCode(), error.headers(), error.body(), localTime);
    }

    /** The gateway's clock from its {@code Date} header; null when it sent none. */
    public Instant serverTime() {
        return serverTime;
    }

    /** This machine's clock when the answer came. */
    public Instant localTime() {
        return localTime;
    }

    /** How far this machine's clock is ahead of the server's (negative: behind); null without a server time. */
    public Duration clockSkew() {
        return serverTime == null ? null : Duration.between(serverTime, localTime);
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder(super.getMessage());
        Duration skew = clockSkew();
        if (skew != null && skew.abs().compareTo(NOTABLE_SKEW) >= 0) {
            message.append(" - the AK/SK signature was refused and the clocks differ: the server's says ")
                    .append(serverTime)
                    .append(", this machine's ")
                    .append(localTime)
                    .append(" (")
                    .append(skew.abs().toMinutes())
                    .append(" min ")
                    .append(skew.isNegative() ? "behind" : "ahead")
                    .append(
                            "); the gateway refuses an X-Sdk-Date more than 15 minutes off, so set this machine's clock");
        } else {
            message.append(" - the AK/SK signature was refused: check that the secret key is the one of this access"
                    + " key, and that nothing between here and the gateway rewrites the request");
        }
        return message.toString();
    }

    private static Instant serverTime(String date) {
        if (date == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
