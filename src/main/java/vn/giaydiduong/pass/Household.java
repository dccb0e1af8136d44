package vn.giaydiduong.pass;

/** A household on a market-card list, with the ward official's decision. */
public record Household(long id, long applicationId, int position, String headName, String representativeName,
    String representativeIdNumber, String phone, String address, int memberCount, String householdCode,
    Decision decision, String decisionReason) {
}
