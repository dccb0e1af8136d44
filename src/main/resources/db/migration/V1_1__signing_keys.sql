-- ES256 pass-signing keys, one active key per ward police unit.
-- Portable between H2 2.x and PostgreSQL 15: bytea is native in PostgreSQL and an accepted
-- alias of VARBINARY in H2 (PostgreSQL has no varbinary).
create table signing_key (
    kid              varchar(16)              not null primary key,
    ward_code        varchar(5)               not null,
    -- SubjectPublicKeyInfo DER
    public_key       bytea                    not null,
    -- AES-256-GCM: version byte || 12-byte IV || ciphertext+tag of the PKCS#8 DER
    private_key_enc  bytea                    not null,
    created_at       timestamp with time zone not null,
    retired_at       timestamp with time zone null,
    -- Equal to ward_code while the key is active, null once retired. The unique constraint is a
    -- portable stand-in for PostgreSQL's partial unique index "(ward_code) where retired_at is
    -- null", which H2 lacks: both databases let any number of rows hold null.
    active_ward      varchar(5)               null,
    constraint uq_signing_key_active_ward unique (active_ward),
    constraint ck_signing_key_active check (
        (active_ward is null and retired_at is not null)
        or (active_ward = ward_code and retired_at is null))
);

create index ix_signing_key_ward_code on signing_key (ward_code);
