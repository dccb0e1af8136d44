package vn.giaydiduong.market;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.CaseEvents;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/**
 * Records that the CSKV handed each card to its household's representative (the person named on the card, who
 * shows the ID card whose number is printed masked), by whom and when. Cards the CSKV could not hand over yet are
 * listed with a reason ({@code số thẻ: lý do}); they stay issued and come back in the next delivery task.
 */
@Component("recordCardDelivery")
public class RecordCardDelivery implements JavaDelegate {

  private static final Pattern LINE = Pattern.compile("\\s*(\\d{5}-\\d{6})\\s*[:.)–-]\\s*(.*)");

  private final PassRegistry registry;
  private final HouseholdStore households;
  private final Officials officials;

  private final Cases cases;

  private final CaseEvents events;

  public RecordCardDelivery(Cases cases, PassRegistry registry, HouseholdStore households, Officials officials,
      CaseEvents events) {
    this.events = events;
    this.cases = cases;
    this.registry = registry;
    this.households = households;
    this.officials = officials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(ProcessVariables.DELIVERED_TO_REPRESENTATIVES.get(execution))) {
      throw new InvalidInputException("Hãy xác nhận đã giao tận tay từng thẻ cho người đi chợ của hộ "
          + "(người có tên trên thẻ, đối chiếu CCCD/CMND).");
    }
    var application = cases.of(execution);
    long applicationId = application.id();
    Map<Long, Household> byId = households.households(applicationId).stream()
        .collect(Collectors.toMap(Household::id, Function.identity()));
    List<Pass> issued = registry.passes(applicationId, PassStatus.ISSUED);
    Set<String> undelivered = undelivered(ProcessVariables.UNDELIVERED_CARDS.get(execution),
        issued.stream().map(Pass::passNumber).collect(Collectors.toSet()));
    String cskv = officials.currentUserId();
    for (Pass card : issued) {
      if (!undelivered.contains(card.passNumber())) {
        Household h = byId.get(card.householdId());
        registry.markDelivered(card.passNumber(), h.representativeName() + " (CCCD/CMND "
            + card.maskedIdNumber() + ")", cskv);
      }
    }
    ProcessVariables.UNDELIVERED_COUNT.set(execution, undelivered.size());
    events.record("delivered", application, cskv, "not yet delivered " + undelivered.size());
    // The next delivery task starts empty and lists only the cards still to hand over.
    ProcessVariables.UNDELIVERED_CARDS.remove(execution);
    ProcessVariables.DELIVERED_TO_REPRESENTATIVES.remove(execution);
  }

  private static Set<String> undelivered(String lines, Set<String> issued) {
    Set<String> cards = new LinkedHashSet<>();
    if (lines == null || lines.isBlank()) {
      return cards;
    }
    List<String> problems = new ArrayList<>();
    String[] all = lines.split("\\R");
    for (int i = 0; i < all.length; i++) {
      if (all[i].isBlank()) {
        continue;
      }
      String where = "Dòng " + (i + 1) + " (\"" + all[i].strip() + "\")";
      Matcher m = LINE.matcher(all[i]);
      if (!m.matches()) {
        problems.add(where + ": phải có dạng \"số thẻ: lý do\", ví dụ \"00004-000017: Hộ đi vắng\".");
      } else if (!issued.contains(m.group(1))) {
        problems.add(where + ": thẻ " + m.group(1) + " không có trong các thẻ chờ giao.");
      } else if (m.group(2).strip().length() < 5) {
        problems.add(where + ": hãy ghi lý do chưa giao được (ít nhất 5 ký tự).");
      } else if (!cards.add(m.group(1))) {
        problems.add(where + ": thẻ " + m.group(1) + " đã được ghi ở dòng trước.");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return cards;
  }
}
