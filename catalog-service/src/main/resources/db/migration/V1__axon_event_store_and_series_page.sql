-- Axon's JPA tables as Hibernate maps them with PostgresByteaDialect (bytea, not oid) and META-INF/orm.xml
-- (global index sequence increment 1). Sagas and dead letters are unused today, but Axon registers their
-- entities and `ddl-auto: validate` checks every mapped entity.

create sequence domain_event_entry_seq start with 1 increment by 1;

create table domain_event_entry (
    global_index         bigint       not null,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    event_identifier     varchar(255) not null,
    meta_data            bytea,
    payload              bytea        not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    constraint domain_event_entry_pk primary key (global_index),
    constraint domain_event_entry_aggregate_seq_uk unique (aggregate_identifier, sequence_number),
    constraint domain_event_entry_event_id_uk unique (event_identifier)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null,
    meta_data            bytea,
    payload              bytea        not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    constraint snapshot_event_entry_pk primary key (aggregate_identifier, sequence_number, type),
    constraint snapshot_event_entry_event_id_uk unique (event_identifier)
);

create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255) not null,
    owner          varchar(255),
    constraint token_entry_pk primary key (processor_name, segment)
);

create sequence association_value_entry_seq start with 1 increment by 50;

create table association_value_entry (
    id                bigint       not null,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_id           varchar(255) not null,
    saga_type         varchar(255),
    constraint association_value_entry_pk primary key (id)
);
create index association_value_entry_type_key_value_idx
    on association_value_entry (saga_type, association_key, association_value);
create index association_value_entry_saga_idx on association_value_entry (saga_id, saga_type);

create table saga_entry (
    saga_id         varchar(255) not null,
    revision        varchar(255),
    saga_type       varchar(255),
    serialized_saga bytea,
    constraint saga_entry_pk primary key (saga_id)
);

create table dead_letter_entry (
    dead_letter_id       varchar(255)             not null,
    processing_group     varchar(255)             not null,
    sequence_identifier  varchar(255)             not null,
    sequence_index       bigint                   not null,
    message_type         varchar(255)             not null,
    event_identifier     varchar(255)             not null,
    time_stamp           varchar(255)             not null,
    payload_type         varchar(255)             not null,
    payload_revision     varchar(255),
    payload              bytea                    not null,
    meta_data            bytea,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          timestamp(6) with time zone not null,
    last_touched         timestamp(6) with time zone,
    processing_started   timestamp(6) with time zone,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    constraint dead_letter_entry_pk primary key (dead_letter_id),
    constraint dead_letter_entry_sequence_uk unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_entry_group_idx on dead_letter_entry (processing_group);
create index dead_letter_entry_group_sequence_idx on dead_letter_entry (processing_group, sequence_identifier);

-- Read model of the series pages (processing group series-page): rebuildable from the event store.

create table page_series (
    series_id    varchar(255) not null,
    slug         varchar(255) not null,
    title        varchar(300) not null,
    introduction text,
    constraint page_series_pk primary key (series_id),
    constraint page_series_slug_uk unique (slug)
);

create table page_series_section (
    series_id varchar(255) not null,
    position  integer      not null,
    title     text,
    body      text,
    constraint page_series_section_pk primary key (series_id, position),
    constraint page_series_section_series_fk foreign key (series_id) references page_series (series_id)
        on delete cascade
);

create table page_edition (
    edition_id            varchar(255) not null,
    series_id             varchar(255) not null,
    label                 varchar(300) not null,
    edition_year          integer      not null,
    introduction          text,
    regional_introduction text,
    published             boolean      not null,
    published_on          date,
    constraint page_edition_pk primary key (edition_id)
);
create index page_edition_series_idx on page_edition (series_id);

create table page_document (
    document_id  varchar(255) not null,
    edition_id   varchar(255) not null,
    title        varchar(300) not null,
    kind         varchar(255),
    audience     varchar(255),
    region_code  varchar(255),
    region_name  varchar(255),
    language     varchar(255),
    position     integer      not null,
    file_name    varchar(255) not null,
    media_type   varchar(255),
    size_bytes   bigint       not null,
    sha256       varchar(64)  not null,
    withdrawn    boolean      not null,
    constraint page_document_pk primary key (document_id)
);
create index page_document_edition_idx on page_document (edition_id);
