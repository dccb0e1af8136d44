package vn.giaydiduong.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-client-address throttling of failed logins ({@code giaydiduong.login.*}). The per-account delay is
 * Camunda's own (engine settings {@code loginDelay*} in application.yml).
 *
 * @param maxFailuresPerAddress failed logins an address may make within {@code window} before it gets 429
 * @param window fixed window counted from an address's first failure; the block ends with it
 * @param maxTrackedAddresses bound of the address table, so a flood of addresses cannot exhaust memory
 */
@ConfigurationProperties("giaydiduong.login")
public record LoginThrottleProperties(int maxFailuresPerAddress, Duration window, long maxTrackedAddresses) {
}
