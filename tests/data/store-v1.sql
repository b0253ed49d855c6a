-- SPDX-License-Identifier: GPL-3.0-or-later
-- A HubEco database as schema version 1 wrote it, written by hand, with a few
-- real rows from data/dataset (hub-models.jsonl.gz, hub-models-history.csv.gz,
-- authors.csv, taxonomy/). test-store loads it with sqlite3_exec into a temp
-- file and opens it with the current build to check the forward migration.
-- Times are Unix seconds; NULL = unknown.

PRAGMA application_id = 1215652421;
PRAGMA user_version = 1;

CREATE TABLE models (
  id                 TEXT PRIMARY KEY,
  author             TEXT,
  created_at         INTEGER,
  last_modified      INTEGER,
  pipeline_tag       TEXT,
  library_name       TEXT,
  gated              TEXT,
  license            TEXT,
  parameters         INTEGER,
  parameters_source  TEXT,
  used_storage       INTEGER,
  children_count     INTEGER,
  lineage_source     TEXT,
  downloads          INTEGER,
  downloads_all_time INTEGER,
  likes              INTEGER,
  trending_score     INTEGER,
  first_seen         INTEGER,
  updated_at         INTEGER
);
CREATE TABLE tags (
  model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  tag      TEXT NOT NULL,
  PRIMARY KEY (model_id, tag)
) WITHOUT ROWID;
CREATE TABLE lineage (
  child    TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  parent   TEXT NOT NULL,
  relation TEXT NOT NULL DEFAULT 'unknown'
           CHECK (relation IN ('finetune', 'adapter', 'quantized', 'merge', 'unknown')),
  position INTEGER NOT NULL,
  PRIMARY KEY (child, position)
);
CREATE INDEX lineage_parent ON lineage (parent);
CREATE TABLE snapshots (
  id            INTEGER PRIMARY KEY,
  series        TEXT NOT NULL,
  source        TEXT NOT NULL,
  captured_at   INTEGER NOT NULL,
  complete      INTEGER NOT NULL DEFAULT 0,
  carry_forward INTEGER NOT NULL DEFAULT 0,
  note          TEXT
);
CREATE INDEX snapshots_series_time ON snapshots (series, captured_at);
CREATE TABLE snapshot_rows (
  snapshot_id        INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  model_id           TEXT NOT NULL,
  downloads          INTEGER,
  downloads_all_time INTEGER,
  likes              INTEGER,
  trending_score     INTEGER,
  rank               INTEGER,
  PRIMARY KEY (snapshot_id, model_id)
) WITHOUT ROWID;
CREATE INDEX snapshot_rows_model ON snapshot_rows (model_id);
CREATE TABLE authors (
  author       TEXT PRIMARY KEY,
  display_name TEXT,
  grp          TEXT,
  country      TEXT,
  org_type     TEXT,
  confidence   TEXT,
  evidence     TEXT,
  origin       TEXT NOT NULL DEFAULT 'shipped' CHECK (origin IN ('shipped', 'user'))
);
CREATE TABLE tasks (
  id       TEXT PRIMARY KEY,
  name     TEXT,
  modality TEXT
);
CREATE TABLE libraries (
  id         TEXT PRIMARY KEY,
  label      TEXT,
  repo_url   TEXT,
  docs_url   TEXT,
  count_rule TEXT
);

-- hub-models.jsonl.gz
INSERT INTO models VALUES ('Qwen/Qwen3.8-27B', 'Qwen', 1785918179, 1786719601,
  'image-text-to-text', 'transformers', 'false', 'apache-2.0', 27781427952, 'safetensors',
  55615875685, NULL, NULL, 2090699, NULL, 12101, 2043, 1787356800, 1787356800);
INSERT INTO models VALUES ('0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF',
  '0bserverx', 1786733306, 1787255485, 'text-generation', 'transformers', 'false',
  'apache-2.0', 26895998464, 'gguf', 3882185993184, NULL, 'base_models', 505813, NULL, 226,
  170, 1787356800, 1787356800);
INSERT INTO models VALUES ('007Arijit/Boomba-AI', '007Arijit', 1787033360, 1787034108,
  'text-generation', 'transformers', 'false', 'apache-2.0', 7615616512, 'safetensors',
  15242694030, NULL, 'card_data', 430, NULL, 0, 0, 1787356800, 1787356800);

INSERT INTO tags VALUES ('Qwen/Qwen3.8-27B', 'transformers');
INSERT INTO tags VALUES ('Qwen/Qwen3.8-27B', 'safetensors');
INSERT INTO tags VALUES ('Qwen/Qwen3.8-27B', 'qwen3_5');
INSERT INTO tags VALUES ('Qwen/Qwen3.8-27B', 'image-text-to-text');
INSERT INTO tags VALUES ('Qwen/Qwen3.8-27B', 'conversational');
INSERT INTO tags VALUES ('Qwen/Qwen3.8-27B', 'license:apache-2.0');
INSERT INTO tags VALUES ('0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF', 'gguf');
INSERT INTO tags VALUES ('0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF', 'base_model:Qwen/Qwen3.8-27B');
INSERT INTO tags VALUES ('0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF', 'base_model:quantized:Qwen/Qwen3.8-27B');
INSERT INTO tags VALUES ('007Arijit/Boomba-AI', 'unsloth');

INSERT INTO lineage VALUES ('0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF',
  'Qwen/Qwen3.8-27B', 'quantized', 0);
INSERT INTO lineage VALUES ('007Arijit/Boomba-AI',
  'unsloth/qwen2.5-7b-instruct-unsloth-bnb-4bit', 'unknown', 0);

-- hub-models-history.csv.gz: captured_at,id,downloads,likes,trendingScore
INSERT INTO snapshots VALUES (1, 'hub-models-history', 'hub-models-history.csv.gz',
  1787124991, 1, 0, NULL);
INSERT INTO snapshots VALUES (2, 'hub-models-history', 'hub-models-history.csv.gz',
  1787140800, 1, 0, NULL);
INSERT INTO snapshots VALUES (3, 'hub-models-history', 'hub-models-history.csv.gz',
  1787313600, 0, 0, 'interrupted');
INSERT INTO snapshot_rows VALUES (1, '007Arijit/Boomba-AI', 0, NULL, 0, 0, NULL);
INSERT INTO snapshot_rows VALUES (1, '0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF', 150262, NULL, 140, 130, NULL);
INSERT INTO snapshot_rows VALUES (1, 'Qwen/Qwen3.8-27B', 665513, NULL, 11179, 10589, NULL);
INSERT INTO snapshot_rows VALUES (2, '0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF', 245266, NULL, 146, 135, NULL);
INSERT INTO snapshot_rows VALUES (2, 'Qwen/Qwen3.8-27B', 1006235, NULL, 11315, 10703, NULL);
INSERT INTO snapshot_rows VALUES (3, '007Arijit/Boomba-AI', 425, NULL, 0, 0, NULL);
INSERT INTO snapshot_rows VALUES (3, 'Qwen/Qwen3.8-27B', 1726651, NULL, 11845, 5859, NULL);

-- authors.csv
INSERT INTO authors VALUES ('Qwen', 'Qwen', 'Alibaba Qwen', 'CN', 'company', 'high',
  'Alibaba Cloud Qwen team, Hangzhou', 'shipped');
INSERT INTO authors VALUES ('0bserverx', '0bserverx', '0bserverx', NULL, 'user', 'medium',
  'Handle-style account, no organisation found', 'shipped');

-- taxonomy/pipelines.json, taxonomy/model_libraries.json
INSERT INTO tasks VALUES ('text-generation', 'Text Generation', 'nlp');
INSERT INTO libraries VALUES ('transformers', 'Transformers',
  'https://github.com/huggingface/transformers', 'https://huggingface.co/docs/hub/transformers',
  NULL);
INSERT INTO libraries VALUES ('acestep', 'ACE-Step', 'https://github.com/ace-step/ACE-Step',
  NULL, 'path:"ace_step_transformer/config.json"');
