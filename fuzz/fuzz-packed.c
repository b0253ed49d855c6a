/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the reader of packed snapshot copies
 * (hub-snapshot-pack.h), which reads blobs from a database file that may be
 * damaged. Input: n_rows (4 bytes, little-endian), the length of the keys
 * blob (4 bytes, little-endian, capped at what is left), the keys blob,
 * then the values blob. */
#include "config.h"

#include "fuzz-common.h"
#include "hub-snapshot-pack.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

static guint32
read_le32 (const uint8_t *p)
{
  return p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  HubPackedReader reader;
  guint64 n_rows, n_read = 0;
  gsize keys_len;
  g_autofree guint8 *keys = NULL;
  g_autofree guint8 *values = NULL;
  gsize values_len;

  if (size < 8)
    return 0;
  n_rows = read_le32 (data);
  keys_len = MIN (read_le32 (data + 4), size - 8);
  values_len = size - 8 - keys_len;
  /* Copies of their exact size, so that ASan sees any read past an end. */
  keys = g_memdup2 (data + 8, keys_len);
  values = g_memdup2 (data + 8 + keys_len, values_len);

  if (!hub_packed_reader_init (&reader, n_rows, keys, keys_len, values, values_len))
    return 0;
  while (reader.left > 0)
    {
      guint64 key, value;
      gboolean has_value;

      hub_packed_reader_next (&reader, &key, &has_value, &value);
      g_assert (reader.keys <= reader.keys_end && reader.values <= reader.values_end);
      n_read++;
    }
  /* A blob the reader accepts holds exactly n_rows rows, no byte more. */
  g_assert (n_read == n_rows);
  g_assert (reader.keys == reader.keys_end && reader.values == reader.values_end);
  return 0;
}
