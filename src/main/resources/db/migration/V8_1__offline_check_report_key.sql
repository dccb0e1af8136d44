-- An offline check reported again (a retry after a lost answer, or to another node) is logged once: the key is a
-- hash of its checkpoint, time and verdict (CheckLog.reportKey). Online checks have none; NULLs never collide.
alter table pass_check add column report_key varchar(24);
create unique index pass_check_report_key_idx on pass_check (report_key);
