package vn.giaydiduong.pass;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Allocates pass numbers per ward, gap-free: the counter row is locked by the update and released at commit,
 * so concurrent allocations queue up, and a rolled-back transaction gives its numbers back. (A database
 * sequence would skip numbers on rollback.) Must run inside the transaction that stores the passes.
 */
@Component
public class PassNumbers {

  private final JdbcClient jdbc;

  public PassNumbers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The first of {@code count} consecutive numbers now reserved for {@code wardCode}. */
  public long allocate(String wardCode, int count) {
    // Each ward's counter row exists from its migration (V7_2): the update locks it, the select reads it.
    if (jdbc.sql("update pass_counter set last_number = last_number + ? where ward_code = ?")
        .params(count, wardCode).update() == 0) {
      throw new IllegalStateException("No pass counter for ward " + wardCode);
    }
    long last = jdbc.sql("select last_number from pass_counter where ward_code = ?").param(wardCode)
        .query(Long.class).single();
    return last - count + 1;
  }

  /** The printed number: ward code and a six-digit serial, e.g. 00004-000017. */
  public static String format(String wardCode, long serial) {
    return "%s-%06d".formatted(wardCode, serial);
  }
}
