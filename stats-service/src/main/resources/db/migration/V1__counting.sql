-- Every download event seen, exactly once. The primary key is the idempotency guard: an event id that is
-- already here is a redelivery and changes no counter. The rows also form the ledger (outcome per event)
-- from which per-day and per-period figures can be derived without replaying Kafka.
create table processed_event (
    event_id       text        primary key,
    document_id    uuid        not null,
    occurred_at    timestamptz not null,
    policy_version text        not null,
    outcome        text        not null,
    processed_at   timestamptz not null default now()
);

create index processed_event_document_time on processed_event (document_id, occurred_at);

-- One series of figures per counting policy version, so that a restatement under a newer policy can be
-- built beside the live one and switched to.
create table counting_series (
    policy_version text        primary key,
    live           boolean     not null default false,
    as_of          timestamptz,
    counted_events bigint      not null default 0,
    excluded_events bigint     not null default 0,
    created_at     timestamptz not null default now()
);

-- raw events = counted_events + excluded_events, per document; the reasons are in document_exclusion.
create table document_count (
    policy_version    text        not null references counting_series (policy_version),
    document_id       uuid        not null,
    counted_events    bigint      not null default 0,
    excluded_events   bigint      not null default 0,
    first_occurred_at timestamptz,
    last_occurred_at  timestamptz,
    primary key (policy_version, document_id)
);

create table document_exclusion (
    policy_version text   not null references counting_series (policy_version),
    document_id    uuid   not null,
    reason         text   not null,
    events         bigint not null default 0,
    primary key (policy_version, document_id, reason)
);
