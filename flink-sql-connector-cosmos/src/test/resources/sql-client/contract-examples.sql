-- The reference page's examples, run by Flink's SQL client with the shaded jar (SqlClientITCase).
-- Deviations, each forced by the local set-up: the endpoint and key are the embedded endpoint's,
-- which speaks gateway mode only; the column `value` is quoted, because VALUE is reserved in
-- Flink SQL; and statements run synchronously so the script ends when the rows are written.
SET 'table.dml-sync' = 'true';

-- Auto-create: the database and container come from the PARTITIONED BY clause.
CREATE TABLE cosmos_sink_auto (
  id STRING,
  tenant STRING,
  val DOUBLE,
  PRIMARY KEY (id, tenant) NOT ENFORCED
) PARTITIONED BY (tenant)
WITH (
  'connector' = 'cosmos',
  'cosmos.endpoint' = '@ENDPOINT@',
  'cosmos.key' = '@KEY@',
  'cosmos.database' = 'myDatabase',
  'cosmos.container' = 'myNewContainer',
  'cosmos.connection-mode' = 'gateway',
  'cosmos.auto-create' = 'true'
);

INSERT INTO cosmos_sink_auto VALUES ('1', 'acme', 10.5), ('2', 'globex', 20.0);

-- The basic example writes to an existing container; auto-create makes it first.
CREATE TABLE make_my_container (
  id STRING,
  pk STRING,
  `value` DOUBLE,
  PRIMARY KEY (id, pk) NOT ENFORCED
) PARTITIONED BY (pk)
WITH (
  'connector' = 'cosmos',
  'cosmos.endpoint' = '@ENDPOINT@',
  'cosmos.key' = '@KEY@',
  'cosmos.database' = 'myDatabase',
  'cosmos.container' = 'myContainer',
  'cosmos.connection-mode' = 'gateway',
  'cosmos.auto-create' = 'true'
);

INSERT INTO make_my_container VALUES ('seed', 'p0', 0.0);

-- Basic sink with a single partition key, and inserting data from a source.
CREATE TABLE cosmos_sink (
  id STRING,
  pk STRING,
  `value` DOUBLE,
  PRIMARY KEY (id, pk) NOT ENFORCED
) WITH (
  'connector' = 'cosmos',
  'cosmos.endpoint' = '@ENDPOINT@',
  'cosmos.key' = '@KEY@',
  'cosmos.database' = 'myDatabase',
  'cosmos.container' = 'myContainer',
  'cosmos.connection-mode' = 'gateway'
);

CREATE TEMPORARY VIEW source_table AS
SELECT * FROM (VALUES ('a', 'p1', 1.0), ('b', 'p2', 2.0)) AS t (id, pk, `value`);

INSERT INTO cosmos_sink
SELECT id, pk, `value`
FROM source_table;
