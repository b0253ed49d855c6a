/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-attribution.h"

#define UNSET G_MAXUINT32

void
hub_attribution_compute_roots (const gint32 *first_parent,
                               guint         n_models,
                               guint32      *out_roots)
{
  g_autofree guint32 *walk = NULL;
  g_autofree guint32 *path = NULL;

  g_return_if_fail (first_parent != NULL || n_models == 0);
  g_return_if_fail (out_roots != NULL || n_models == 0);

  if (n_models == 0)
    return;

  /* walk[x] = s + 1 while x is on the path started at s. */
  walk = g_new0 (guint32, n_models);
  path = g_new (guint32, n_models);
  for (guint i = 0; i < n_models; i++)
    out_roots[i] = UNSET;

  for (guint s = 0; s < n_models; s++)
    {
      guint len = 0;
      guint32 x = s;
      guint32 root;

      if (out_roots[s] != UNSET)
        continue;

      for (;;)
        {
          gint32 p;

          if (out_roots[x] != UNSET)
            {
              root = out_roots[x];
              break;
            }
          if (walk[x] == s + 1)
            {
              /* A cycle: x is on the path; the cycle is path[k..len). */
              guint k = len;

              root = x;
              while (k > 0 && path[k - 1] != x)
                {
                  k--;
                  root = MIN (root, path[k]);
                }
              break;
            }
          walk[x] = s + 1;
          path[len++] = x;
          p = first_parent[x];
          if (p < 0 || (guint) p >= n_models)
            {
              root = x;
              break;
            }
          x = (guint32) p;
        }

      for (guint i = 0; i < len; i++)
        out_roots[path[i]] = root;
    }
}
