package vn.giaydiduong.qr;

import java.security.PublicKey;
import java.time.Instant;

/** A ward police unit's verification key; {@code retiredAt} is null for the active key. */
public record PublicKeyEntry(String kid, String wardCode, PublicKey publicKey, Instant createdAt, Instant retiredAt) {
}
