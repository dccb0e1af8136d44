-- A ward police unit's key withdrawn as compromised: it no longer verifies, nor is it published.
alter table signing_key add column withdrawn_at timestamp with time zone;
alter table signing_key add column withdrawn_reason varchar(500);
