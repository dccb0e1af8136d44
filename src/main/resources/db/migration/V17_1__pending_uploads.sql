-- A list read from a file or a paste waits here between its preview and its confirmation, for the one user who
-- uploaded it (only the hash of its link token is kept). Confirming removes it; a user's next upload of the same
-- kind replaces it; rows older than a day are dropped every hour
-- (upload.PendingUploads.dropExpired). Content is the JSON a REST start takes.
create table pending_upload (
  token_hash   varchar(64) primary key,
  owner_id     varchar(255) not null,
  ward_code    varchar(5),
  kind         varchar(12) not null,
  content      bytea not null,
  entry_count  int not null,
  created_at   timestamp with time zone not null,
  constraint pending_upload_kind_check check (kind in ('INDIVIDUAL', 'MARKET_CARD', 'OFFICIALS'))
);

create index pending_upload_owner_idx on pending_upload (owner_id, kind);
