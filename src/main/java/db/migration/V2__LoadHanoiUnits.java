package db.migration;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Loads Hanoi's districts and wards (2021) from the reference CSV; see reference/README.md for its source. */
public class V2__LoadHanoiUnits extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = new InputStreamReader(
            getClass().getResourceAsStream("/reference/hanoi-units-2021.csv"), StandardCharsets.UTF_8);
        PreparedStatement district = context.getConnection()
            .prepareStatement("insert into district (code, name) values (?, ?)");
        PreparedStatement ward = context.getConnection().prepareStatement(
            "insert into ward (code, district_code, name, ward_type) values (?, ?, ?, ?)")) {
      Set<String> districts = new HashSet<>();
      for (CSVRecord row : format.parse(in)) {
        if (districts.add(row.get("district_code"))) {
          district.setString(1, row.get("district_code"));
          district.setString(2, row.get("district_name"));
          district.executeUpdate();
        }
        ward.setString(1, row.get("ward_code"));
        ward.setString(2, row.get("district_code"));
        ward.setString(3, row.get("ward_name"));
        ward.setString(4, row.get("ward_type"));
        ward.addBatch();
      }
      ward.executeBatch();
    }
  }
}
