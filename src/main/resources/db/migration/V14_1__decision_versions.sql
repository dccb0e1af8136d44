-- Analysts redeploy rule tables while the application runs, so what a table decided keeps the version that decided
-- it (rules.RuleVersion: Camunda's decision definition id and version). A case keeps the pass-validity version
-- that bounded its list when it was registered; each pass or card keeps the version that decided it (a pass: its
-- case's pass-validity; a market card: the market-days version that gave its days and validity). Null for rows
-- stored before this migration.
alter table pass_application add column validity_rule_id varchar(64);
alter table pass_application add column validity_rule_version int;
alter table pass add column rule_id varchar(64);
alter table pass add column rule_version int;
