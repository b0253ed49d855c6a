/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: one Hub model entry as JSON through the one entry parser
 * (hub_model_entry_from_json), the parser every source goes through, after
 * hub_json_load_bounded, as the client, sync and importers load it. */
#include "config.h"

#include "fuzz-common.h"
#include "hub-input-limits.h"
#include "hub-model-entry.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!hub_json_load_bounded (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  entry = hub_model_entry_from_json (root, warnings, &error);
  g_assert ((entry == NULL) != (error == NULL));
  if (entry != NULL)
    {
      /* What the store relies on. */
      g_assert (entry->id != NULL && entry->id[0] != '\0');
      g_assert (g_utf8_validate (entry->id, -1, NULL));
      for (guint i = 0; i < entry->parents->len; i++)
        g_assert (g_array_index (entry->parents, HubParentRef, i).id != NULL);
    }
  return 0;
}
