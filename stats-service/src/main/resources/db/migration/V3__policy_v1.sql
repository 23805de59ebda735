-- Counting policy 1.0 (COUNTER R5.1: robots, double clicks, unique item requests) and rebuildable series.
-- A series is one set of figures, counted under one policy version; a rebuild makes a new series beside the
-- live one. The old column name policy_version becomes series_id; the policy is a property of the series.
alter table counting_series rename column policy_version to series_id;
alter table processed_event rename column policy_version to series_id;
alter table document_count rename column policy_version to series_id;
alter table document_exclusion rename column policy_version to series_id;

alter table counting_series
    add column policy_version  text,
    add column state           text,
    add column unique_requests bigint not null default 0,
    add column robots_version  text,
    add column rebuild_target  text,
    add column switched_at     timestamptz,
    add column retired_at      timestamptz;
update counting_series set policy_version = series_id, state = case when live then 'live' else 'retired' end;
alter table counting_series
    alter column policy_version set not null,
    alter column state set not null,
    add constraint counting_series_state check (state in ('building', 'live', 'retired'));
create unique index counting_series_one_live on counting_series (live) where live;

-- The ledger: one row per event per series, with what the analyst needs to explain its outcome. The
-- outcome of a candidate click can later become double-click when a click within 30 s after it arrives.
alter table processed_event drop constraint processed_event_pkey;
alter table processed_event add primary key (series_id, event_id);
alter table processed_event
    add column policy_version text,
    add column edition_id  uuid,
    add column visitor_key text,
    add column method      text,
    add column status      integer,
    add column range_start bigint,
    add column user_agent  text,
    add column candidate   boolean not null default false;
update processed_event set policy_version = series_id;
alter table processed_event alter column policy_version set not null;
drop index processed_event_document_time;
create index processed_event_document_time on processed_event (series_id, document_id, occurred_at);
create index processed_event_clicks on processed_event (series_id, document_id, visitor_key, occurred_at) where candidate;

alter table document_count add column unique_requests bigint not null default 0;

-- COUNTER user-sessions (visitor key + hour slice) per document: Unique_Item_Requests counts those with
-- at least one counted click.
create table item_session (
    series_id    text        not null references counting_series (series_id),
    document_id  uuid        not null,
    visitor_key  text        not null,
    session_hour timestamptz not null,
    requests     bigint      not null,
    primary key (series_id, document_id, visitor_key, session_hour)
);

-- Per document per Dutch calendar day: raw events, Total_Item_Requests (counted), Unique_Item_Requests.
create table document_day (
    series_id       text   not null references counting_series (series_id),
    document_id     uuid   not null,
    day             date   not null,
    raw_events      bigint not null default 0,
    counted_events  bigint not null default 0,
    unique_requests bigint not null default 0,
    primary key (series_id, document_id, day)
);

-- Per document per day per outcome ('counted' or an exclusion reason): the exclusion ledger.
create table document_day_outcome (
    series_id   text   not null references counting_series (series_id),
    document_id uuid   not null,
    day         date   not null,
    outcome     text   not null,
    events      bigint not null,
    primary key (series_id, document_id, day, outcome)
);

insert into document_day (series_id, document_id, day, raw_events, counted_events)
select series_id, document_id, (occurred_at at time zone 'Europe/Amsterdam')::date,
       count(*), count(*) filter (where outcome = 'counted')
from processed_event group by 1, 2, 3;
insert into document_day_outcome (series_id, document_id, day, outcome, events)
select series_id, document_id, (occurred_at at time zone 'Europe/Amsterdam')::date, outcome, count(*)
from processed_event group by 1, 2, 3, 4;

-- What the catalog says about each document, read from catalog.events (read-only copy) and, for the
-- edition, from the download events themselves: for figures per edition, series, province and kind.
create table catalog_series (
    series_id uuid primary key,
    slug      text,
    title     text
);

create table catalog_edition (
    edition_id   uuid primary key,
    series_id    uuid,
    label        text,
    year         integer,
    published_on date
);

create table catalog_document (
    document_id uuid primary key,
    edition_id  uuid,
    series_id   uuid,
    title       text,
    kind        text,
    region_code text,
    region_name text,
    position    integer,
    file_name   text
);
