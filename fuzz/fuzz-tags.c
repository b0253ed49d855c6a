/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the tag/lineage parser. The input is a list of tags,
 * one a line (`base_model:<relation>:<id>`, `base_model:<id>`, others). */
#include "config.h"

#include "fuzz-common.h"
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
  g_autoptr(HubModelEntry) entry = hub_model_entry_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = fuzz_strndup (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_parents;

  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (entry->tags, g_strdup (lines[i]));

  hub_model_entry_parents_from_tags (entry, warnings);
  n_parents = entry->parents->len;
  g_assert (n_parents <= entry->tags->len);
  for (guint i = 0; i < n_parents; i++)
    {
      const HubParentRef *ref = &g_array_index (entry->parents, HubParentRef, i);

      g_assert (hub_model_id_is_valid (ref->id));
      g_assert (ref->relation < HUB_N_RELATIONS);
    }

  /* Each parent once: a second pass adds nothing. */
  hub_model_entry_parents_from_tags (entry, warnings);
  g_assert (entry->parents->len == n_parents);
  return 0;
}
