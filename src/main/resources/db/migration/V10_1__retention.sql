-- Personal data expires: when a case's process ended (closed_at, written by the engine's built-in end listener) and
-- when its personal data was removed (anonymized_at, by casework.PersonalDataRetention). Rows and counts stay for
-- the reports.
alter table pass_application add column closed_at timestamp with time zone;
alter table pass_application add column anonymized_at timestamp with time zone;
create index pass_application_closed_idx on pass_application (closed_at);
