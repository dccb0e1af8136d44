-- No anonymous storage exhaustion (docs/security-intake.md). Anyone can write to a ward mailbox, and an upload
-- link may leak: only an accepted staff list keeps its files. A refused or unmatched submission keeps a bounded
-- record (who, when, why, file names, sizes and SHA-256), and a submission over a quota keeps nothing but a
-- counter, one row per source, reason and day.

alter table staff_list_file add column sha256 varchar(64);

-- Files of refused and unmatched submissions were kept whole until now: cut them to the record.
update staff_list_file set content = null
  where submission_id in (select id from staff_list_submission where status <> 'ACCEPTED');

-- Quotas count the submissions of a sender, mailbox or link in the last 24 hours.
create index staff_list_submission_received_idx on staff_list_submission (received_at);

-- What was dropped unstored: source is the sender address, the mailbox or the application of an upload link.
create table staff_list_drop (
  drop_day     date not null,
  channel      varchar(6) not null,
  source       varchar(320) not null,
  reason       varchar(20) not null,
  drop_count   int not null,
  total_bytes  bigint not null,
  first_at     timestamp with time zone not null,
  last_at      timestamp with time zone not null,
  last_sha256  varchar(64),
  primary key (drop_day, channel, source, reason),
  constraint staff_list_drop_channel_check check (channel in ('MAIL', 'UPLOAD'))
);
