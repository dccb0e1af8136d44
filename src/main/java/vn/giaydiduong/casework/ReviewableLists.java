package vn.giaydiduong.casework;

import java.util.List;
import org.springframework.stereotype.Component;
import vn.giaydiduong.pass.ApplicationStore.Application;

/** The list of a case, by its kind: the procedures register their kinds of list as beans. */
@Component
public class ReviewableLists {

  private final List<ReviewableList> lists;

  public ReviewableLists(List<ReviewableList> lists) {
    this.lists = List.copyOf(lists);
  }

  public ReviewableList of(Application application) {
    return lists.stream().filter(list -> list.holds(application.kind())).findFirst()
        .orElseThrow(() -> new IllegalStateException("No reviewable list for " + application.kind()));
  }
}
