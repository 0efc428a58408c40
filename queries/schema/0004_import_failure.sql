-- Schema 4: files that could not be imported, with the reason. The report's data-quality
-- appendix and `patuh check` list them, so half a year of work orders that failed to load is
-- never silent. A later import of the same path that loads (or finds it unchanged) removes its
-- row; a new failure replaces it.
create table import_failure (
    path         varchar primary key,     -- canonical path
    display_path varchar not null,        -- as the user named it
    sha256       varchar,
    reason       varchar not null,
    failed_at    timestamp not null
);
