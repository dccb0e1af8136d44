-- Every ward has its pass counter from the start, so the first allocation of a ward is an update like every
-- other: two first uses at once queue on the row lock instead of racing to insert it (on PostgreSQL the losing
-- insert aborted the whole transaction).
insert into pass_counter (ward_code, last_number)
select code, 0 from ward where code not in (select ward_code from pass_counter);
