package vn.giaydiduong.intake;

/**
 * One household on a market-card list, validated, not yet stored.
 *
 * @param householdCode household registration number (số hộ khẩu), null when not given
 */
public record HouseholdDraft(String headName, String representativeName, String representativeIdNumber,
    String phone, String address, int memberCount, String householdCode) {
}
