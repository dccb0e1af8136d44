-- A case's mail is sent at most once per purpose (mail.SentMails): the job executor may run a mail job twice at
-- once (a send slower than the job's lock lets another executor take the job) or again after the mail went out
-- (the job's transaction failed after the send). A row is claimed in its own transaction before the send and
-- marked sent after it; a claim that is neither sent nor released within the claim timeout was left by a dead
-- node and may be taken over.
create table sent_mail (
  application_id  bigint not null,
  purpose         varchar(100) not null,
  claim_token     varchar(36) not null,
  claimed_at      timestamp with time zone not null,
  sent_at         timestamp with time zone,
  primary key (application_id, purpose)
);
