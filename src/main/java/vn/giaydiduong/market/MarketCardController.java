package vn.giaydiduong.market;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.intake.HouseholdDraft;
import vn.giaydiduong.intake.HouseholdListParser;

/**
 * A CSKV officer uploads the household list as a spreadsheet (Excel .xlsx or CSV): the file is read and checked
 * here, so a bad file is refused with the same Vietnamese messages as a pasted list, and a good one starts the
 * {@code market-card} process as that officer (their Camunda authorizations apply).
 */
@RestController
public class MarketCardController {

  public static final String PROCESS_KEY = "market-card";

  private final HouseholdListParser parser;
  private final RuntimeService runtimeService;
  private final Officials officials;

  public MarketCardController(HouseholdListParser parser, RuntimeService runtimeService, Officials officials) {
    this.parser = parser;
    this.runtimeService = runtimeService;
    this.officials = officials;
  }

  @PostMapping("/api/market-cards/households")
  public ResponseEntity<Map<String, Object>> upload(@RequestParam("file") MultipartFile file) throws IOException {
    officials.wardOf(officials.currentUserId(), Role.CSKV);
    if (file.getSize() > HouseholdListParser.MAX_FILE_BYTES) {
      throw new InvalidInputException("Tệp tải lên lớn quá " + HouseholdListParser.MAX_FILE_BYTES / 1024 / 1024
          + " MB: hãy chia danh sách thành nhiều tệp.");
    }
    List<HouseholdDraft> households = parser.parseFile(file.getBytes());
    List<Map<String, Object>> rows = households.stream().map(MarketCardController::row).toList();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, Variables.createVariables()
        .putValueTyped(ProcessVariables.HOUSEHOLDS.name(), SpinValues.jsonValue(Spin.JSON(rows).toString()).create()));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("processInstanceId", instance.getId(),
        "reference", instance.getBusinessKey(), "householdCount", households.size()));
  }

  private static Map<String, Object> row(HouseholdDraft h) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("headName", h.headName());
    row.put("representativeName", h.representativeName());
    row.put("idNumber", h.representativeIdNumber());
    row.put("phone", h.phone());
    row.put("address", h.address());
    row.put("memberCount", h.memberCount());
    row.put("householdCode", h.householdCode());
    return row;
  }
}
