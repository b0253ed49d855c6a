/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the CSV reader alone, then a whole import into a fresh
 * in-memory store. The first byte picks the format: history CSV, authors
 * CSV, period downloads (CSV or JSONL) or detection from the bytes (which
 * also reaches the JSON readers); the rest is the file. */
#include "config.h"

#include "fuzz-common.h"
#include "hub-csv.h"
#include "hub-import.h"
#include "hub-store.h"

#include <sqlite3.h>

static const HubImportFormat formats[] = {
  HUB_IMPORT_FORMAT_HISTORY_CSV,
  HUB_IMPORT_FORMAT_AUTHORS_CSV,
  HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS,
  HUB_IMPORT_FORMAT_AUTO,
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

static void
read_all_records (const uint8_t *data,
                  size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(HubCsvReader) reader = hub_csv_reader_new (stream);
  guint last_line = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) record = NULL;
      guint line = 0;

      record = hub_csv_reader_next (reader, &line, NULL, &error);
      if (record == NULL && error == NULL)
        break;
      if (record == NULL)
        {
          /* A bad record is skipped: the reader goes on after it. */
          g_assert (error->domain == HUB_INGEST_ERROR);
          continue;
        }
      g_assert (line > last_line);
      g_assert (g_strv_length (record) >= 1);
      last_line = line;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  HubImportFormat format;
  gboolean ok;

  if (size < 1)
    return 0;
  format = formats[data[0] % G_N_ELEMENTS (formats)];
  data++;
  size--;

  read_all_records (data, size);

  store = hub_store_open (":memory:", &error);
  g_assert_no_error (error);
  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  ok = hub_import_stream (store, stream, "fuzz.csv", format, report, NULL, &error);
  g_assert (ok == (error == NULL));
  if (error != NULL)
    g_assert (error->domain == HUB_INGEST_ERROR || error->domain == G_IO_ERROR);

  /* Whatever was read, the store stays consistent. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert (sqlite3_prepare_v2 (hub_store_get_db (store), "PRAGMA foreign_key_check",
                                  -1, &stmt, NULL) == SQLITE_OK);
    g_assert (sqlite3_step (stmt) == SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  return 0;
}
