/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-panel.h"
#include "hub-dataset-private.h"

HubPanel *
hub_panel_new (HubDataset            *dataset,
               const HubObservations *observations)
{
  HubPanel *panel;
  g_autofree guint *seen_in = NULL;   /* per author: groups seen in */
  g_autofree guint *last_group = NULL; /* per author: last group counted + 1 */

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (observations != NULL, NULL);

  panel = g_new0 (HubPanel, 1);
  panel->n_groups = observations->n_groups;
  panel->n_authors = dataset->n_authors;
  panel->models = g_new0 (guint, MAX (panel->n_groups, 1));
  panel->authors = g_new0 (guint, MAX (panel->n_groups, 1));
  panel->joined = g_new0 (guint, MAX (panel->n_groups, 1));
  panel->constant = g_new0 (guint8, MAX (panel->n_authors, 1));
  seen_in = g_new0 (guint, MAX (panel->n_authors, 1));
  last_group = g_new0 (guint, MAX (panel->n_authors, 1));

  for (guint g = 0; g < observations->n_groups; g++)
    for (guint64 r = observations->offsets[g]; r < observations->offsets[g + 1]; r++)
      {
        guint32 a = dataset->models[observations->model[r]].author;

        panel->models[g]++;
        if (last_group[a] == g + 1)
          continue;
        last_group[a] = g + 1;
        panel->authors[g]++;
        if (seen_in[a]++ == 0)
          {
            panel->n_members++;
            if (g > 0)
              panel->joined[g]++;
          }
      }

  for (guint a = 0; a < panel->n_authors; a++)
    if (panel->n_groups > 0 && seen_in[a] == panel->n_groups)
      {
        panel->constant[a] = TRUE;
        panel->n_constant++;
      }
  return panel;
}

void
hub_panel_free (HubPanel *panel)
{
  if (panel == NULL)
    return;
  g_free (panel->models);
  g_free (panel->authors);
  g_free (panel->joined);
  g_free (panel->constant);
  g_free (panel);
}

gboolean
hub_panel_grows (const HubPanel *panel)
{
  for (guint g = 1; g < panel->n_groups; g++)
    if (panel->joined[g] > 0)
      return TRUE;
  return FALSE;
}

const HubPanel *
hub_observations_get_panel (HubObservations *observations,
                            HubDataset      *dataset)
{
  g_return_val_if_fail (observations != NULL, NULL);

  if (g_once_init_enter (&observations->panel))
    g_once_init_leave (&observations->panel, (gsize) hub_panel_new (dataset, observations));
  return (const HubPanel *) observations->panel;
}
