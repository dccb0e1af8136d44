package vn.giaydiduong.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Pass numbers of a ward are gap-free and unique, under concurrency and across rollbacks. */
@SpringBootTest
@ActiveProfiles("test")
class PassNumbersTest {

  private static final String WARD = "00007";

  @Autowired PassNumbers numbers;
  @Autowired TransactionTemplate transactions;

  @Test
  void concurrentAllocationsNeitherOverlapNorLeaveGaps() throws Exception {
    long start = transactions.execute(s -> numbers.allocate(WARD, 1));
    List<Long> taken = Collections.synchronizedList(new ArrayList<>());
    Callable<Void> worker = () -> {
      for (int i = 0; i < 25; i++) {
        transactions.executeWithoutResult(s -> {
          long first = numbers.allocate(WARD, 3);
          LongStream.range(first, first + 3).forEach(taken::add);
        });
      }
      return null;
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (Future<Void> f : pool.invokeAll(List.of(worker, worker))) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(taken).hasSize(150).doesNotHaveDuplicates();
    assertThat(taken.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(start + 1);
    assertThat(taken.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(start + 150);
  }

  @Test
  void aRolledBackAllocationGivesItsNumbersBack() {
    long before = transactions.execute(s -> numbers.allocate("00008", 1));
    assertThatThrownBy(() -> transactions.executeWithoutResult(s -> {
      numbers.allocate("00008", 5);
      throw new IllegalStateException("the passes could not be stored");
    })).isInstanceOf(IllegalStateException.class);
    long after = transactions.execute(s -> numbers.allocate("00008", 1));
    assertThat(after).isEqualTo(before + 1);
  }

  @Test
  void concurrentFirstUsesOfAWard_bothSucceedWithoutOverlap() throws Exception {
    // Ward 00010's counter has never been used: both transactions meet at its very first number.
    List<Long> firsts = Collections.synchronizedList(new ArrayList<>());
    Callable<Void> firstUse = () -> {
      transactions.executeWithoutResult(s -> firsts.add(numbers.allocate("00010", 2)));
      return null;
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (Future<Void> f : pool.invokeAll(List.of(firstUse, firstUse))) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(firsts).containsExactlyInAnyOrder(1L, 3L);
  }

  @Test
  void numbersArePrintedWithTheirWard() {
    assertThat(PassNumbers.format("00004", 17)).isEqualTo("00004-000017");
  }
}
