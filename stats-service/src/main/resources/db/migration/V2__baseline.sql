-- Downloads counted before this system existed: a labelled component of every total, never events.
create table baseline_import (
    id          bigint generated always as identity primary key,
    file_sha256 text        not null,
    file_name   text        not null,
    source      text        not null,
    documents   integer     not null,
    imported_at timestamptz not null default now()
);

create table baseline_count (
    document_id uuid        primary key,
    downloads   bigint      not null check (downloads >= 0),
    title       text,
    source      text        not null,
    file_sha256 text        not null,
    import_id   bigint      not null references baseline_import (id),
    imported_at timestamptz not null
);
