package vn.giaydiduong.rules;

/** What a decision table answered, with the table version that answered it. */
public record Decided<T>(T value, RuleVersion rule) {
}
