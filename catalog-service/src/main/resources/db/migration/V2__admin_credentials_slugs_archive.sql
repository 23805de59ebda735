-- Issue 3: admin API credentials, slug uniqueness across series, archived editions on the page.

-- Bearer tokens are stored as their SHA-256 only; the plain editor token is written once to a file.
create table api_credential (
    name         varchar(100) not null,
    role         varchar(20)  not null,
    token_sha256 varchar(64)  not null,
    created_at   timestamp(6) with time zone not null,
    constraint api_credential_pk primary key (name),
    constraint api_credential_token_uk unique (token_sha256)
);

-- One row per registered series, written in the RegisterSeries transaction (series/command/SlugClaims).
create table series_slug (
    slug      varchar(255) not null,
    series_id varchar(255) not null,
    constraint series_slug_pk primary key (slug),
    constraint series_slug_series_uk unique (series_id)
);
insert into series_slug (slug, series_id)
select convert_from(payload, 'UTF8')::json ->> 'slug', aggregate_identifier
from domain_event_entry
where payload_type = 'nl.publicaties.catalog.series.event.SeriesRegistered';

alter table page_edition add column archived boolean not null default false;
