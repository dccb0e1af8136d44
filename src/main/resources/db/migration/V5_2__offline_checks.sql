-- Checks a checkpoint page made without a network, reported when it was online again.
alter table pass_check add column offline boolean default false not null;
