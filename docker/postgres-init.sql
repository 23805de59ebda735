-- Runs once, on an empty volume. POSTGRES_DB created "catalog"; the stats service owns its own database.
CREATE DATABASE stats;
