package vn.giaydiduong.casework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.pass.Applicant;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.rules.DayRule;

/**
 * The lists the Tasklist forms show (tables of people and passes), kept as Json process variables. They are
 * views for people: the registry tables stay the source of truth and the delegates never read these back.
 */
@Component
public class FormViews {

  private final ObjectMapper json;

  public FormViews(ObjectMapper json) {
    this.json = json;
  }

  /** The people still waiting for the ward official's decision. */
  public void showApplicants(VariableScope scope, List<Applicant> pending) {
    set(scope, ProcessVariables.APPLICANTS, pending.stream().map(a -> row(
        "position", a.position(), "fullName", a.fullName(), "dateOfBirth", Dates.format(a.dateOfBirth()),
        "idNumber", a.idNumber(), "phone", a.phone(), "address", a.address(),
        "workplace", a.workplace() == null ? "" : a.workplace(), "destination", a.destination(),
        "purpose", a.purpose(), "validity", validity(a))).toList());
  }

  /** Rejected people and how they learn of it: by email, or from their CSKV in person. */
  public void showRejected(VariableScope scope, List<Applicant> rejected) {
    set(scope, ProcessVariables.REJECTED, rejected.stream().map(a -> row(
        "position", a.position(), "fullName", a.fullName(), "idNumber", IdNumbers.mask(a.idNumber()),
        "reason", a.decisionReason(),
        "notice", a.email() == null ? "CSKV báo trực tiếp" : "Email " + a.email())).toList());
  }

  /** Passes in number order; the ward police name a pass by its row (STT) when they refuse to stamp it. */
  public void showPasses(VariableScope scope, List<Pass> passes) {
    set(scope, ProcessVariables.PASSES, IntStream.range(0, passes.size()).mapToObj(i -> {
      Pass p = passes.get(i);
      return row("position", i + 1, "passNumber", p.passNumber(), "holderName", p.holderName(),
          "idNumber", p.maskedIdNumber(), "zone", p.zone().label(),
          "validity", Dates.format(p.validFrom()) + " – " + Dates.format(p.validUntil()));
    }).toList());
  }

  /** Households waiting for the ward official, with the warning of a second card where there is one. */
  public void showHouseholds(VariableScope scope, List<Household> pending, Map<Integer, String> warnings) {
    set(scope, ProcessVariables.HOUSEHOLD_ROWS, pending.stream().map(h -> row(
        "position", h.position(), "headName", h.headName(), "representativeName", h.representativeName(),
        "idNumber", h.representativeIdNumber(), "address", h.address(), "memberCount", h.memberCount(),
        "householdCode", h.householdCode() == null ? "" : h.householdCode(),
        "warning", warnings.getOrDefault(h.position(), ""))).toList());
  }

  /** Rejected households, whom the CSKV tells in person (households give no email). */
  public void showRejectedHouseholds(VariableScope scope, List<Household> rejected) {
    set(scope, ProcessVariables.REJECTED_HOUSEHOLDS, rejected.stream().map(h -> row(
        "position", h.position(), "headName", h.headName(), "representativeName", h.representativeName(),
        "address", h.address(), "reason", h.decisionReason())).toList());
  }

  /** Market cards with the days they allow, as printed. */
  public void showCards(VariableScope scope, List<Pass> cards, Map<Long, Household> households) {
    set(scope, ProcessVariables.CARDS, cards.stream().map(c -> row(
        "passNumber", c.passNumber(), "headName", households.get(c.householdId()).headName(),
        "representativeName", c.holderName(), "idNumber", c.maskedIdNumber(),
        "address", households.get(c.householdId()).address(),
        "days", DayRule.parse(c.dayRule()).vietnamese(),
        "validity", Dates.format(c.validFrom()) + " – " + Dates.format(c.validUntil()))).toList());
  }

  private static String validity(Applicant a) {
    return Dates.format(a.validFrom()) + " – " + Dates.format(a.validUntil());
  }

  private static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }

  private void set(VariableScope scope, Variable<Object> view, List<Map<String, Object>> rows) {
    try {
      view.setTyped(scope, SpinValues.jsonValue(json.writeValueAsString(rows)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
