/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "synthetic-lineage.h"
#include "hub-dataset-private.h"

void
hub_synthetic_rewire_lineage (HubDataset         *self,
                              const HubSynthetic *syn)
{
  guint n = self->n_models;
  GArray *parents = g_array_new (FALSE, FALSE, sizeof (gint32));
  GArray *parent_relations = g_array_new (FALSE, FALSE, sizeof (guint8));

  for (guint m = 0; m < n; m++)
    {
      HubModelRecord *record = &self->models[m];
      gint32 parent = syn->first_parent[m];
      guint8 relation = syn->relation[m];

      record->author = syn->author[m];
      record->parents_offset = parents->len;
      record->n_parents = 0;
      record->first_parent = -1;
      record->relation = HUB_RELATION_NONE;
      if (parent < 0)
        continue;

      /* gen-synthetic numbers relations as HubRelation does (1..4). */
      g_array_append_val (parents, parent);
      g_array_append_val (parent_relations, relation);
      record->n_parents = 1;
      record->first_parent = parent;
      record->relation = relation;

      if (relation == HUB_RELATION_MERGE)
        {
          guint64 h = (guint64) m * 0x9E3779B97F4A7C15ull;
          gint32 second;

          h ^= h >> 31;
          h *= 0xBF58476D1CE4E5B9ull;
          h ^= h >> 29;
          second = (gint32) (h % m);

          if (second != parent)
            {
              g_array_append_val (parents, second);
              g_array_append_val (parent_relations, relation);
              record->n_parents = 2;
            }
        }
    }

  g_free (self->parents);
  g_free (self->parent_relations);
  g_free (self->child_offsets);
  g_free (self->child_models);
  g_free (self->child_relations);
  self->n_edges = parents->len;
  self->parents = (gint32 *) g_array_free (parents, FALSE);
  self->parent_relations = (guint8 *) g_array_free (parent_relations, FALSE);

  /* The reverse index, as the dataset's loader builds it. */
  self->child_offsets = g_new0 (guint32, n + 1);
  for (guint i = 0; i < self->n_edges; i++)
    self->child_offsets[self->parents[i] + 1]++;
  for (guint i = 0; i < n; i++)
    self->child_offsets[i + 1] += self->child_offsets[i];
  self->child_models = g_new (guint32, MAX (self->n_edges, 1));
  self->child_relations = g_new (guint8, MAX (self->n_edges, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (self->child_offsets, sizeof (guint32) * (n + 1));

    for (guint m = 0; m < n; m++)
      for (guint i = 0; i < self->models[m].n_parents; i++)
        {
          guint e = self->models[m].parents_offset + i;
          guint slot = fill[self->parents[e]]++;

          self->child_models[slot] = m;
          self->child_relations[slot] = self->parent_relations[e];
        }
  }
}

