/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-sizes-estimate.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "hub-display.h"
#include "hub-store.h"

#define ESTIMATE_ACTION "sizes.estimate"

typedef struct {
  char       *db_path;
  HubDataset *dataset;
} EstimateData;

static void
estimate_data_free (EstimateData *data)
{
  g_free (data->db_path);
  hub_dataset_unref (data->dataset);
  g_free (data);
}

static void
estimate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EstimateData *data = task_data;
  g_autoptr(HubStore) store = NULL;
  HubSizeEstimatorRun *run;
  GError *error = NULL;

  store = hub_store_open (data->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run = hub_size_estimator_run (store, data->dataset, NULL, FALSE, cancellable, &error);
  if (run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, run, (GDestroyNotify) hub_size_estimator_run_free);
}

/**
 * hub_sizes_estimate_describe:
 * Returns: (transfer full): what a run did, in a sentence or three: the
 *   number of estimates, the fit's held-out R², the coverage before and
 *   after, and how many models were left without an estimate.
 */
char *
hub_sizes_estimate_describe (const HubSizeEstimatorRun *run)
{
  g_autofree char *n_written = hub_display_count (run->n_written);
  g_autofree char *n_holdout = hub_display_count (run->estimation->pooled.n_holdout);
  g_autofree char *before = hub_display_count (hub_size_coverage_n_sized (&run->before, TRUE));
  g_autofree char *after = hub_display_count (hub_size_coverage_n_sized (&run->after, TRUE));
  g_autofree char *total = hub_display_count (hub_size_coverage_n_total (&run->after));
  double share_before = hub_size_coverage_weight_share (&run->before, TRUE);
  double share_after = hub_size_coverage_weight_share (&run->after, TRUE);
  guint n_left = run->estimation->n_without_task + run->estimation->implausible->len;
  g_autofree char *left = hub_display_count (n_left);
  g_autofree char *left_text = n_left == 0 ? g_strdup ("") :
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                  "\n\n%s model was left without an estimate: it has no task, or its files imply "
                                  "more parameters than almost every model of its kind reports (folders of "
                                  "checkpoints, caches, assets).",
                                  "\n\n%s models were left without an estimate: they have no task, or their files "
                                  "imply more parameters than almost every model of their kind reports (folders of "
                                  "checkpoints, caches, assets).", n_left), left);

  return g_strdup_printf (_("%s models got a parameter count estimated from the size of their files. "
                            "The fit of parameters on storage, checked on %s models it was not fitted on, "
                            "has R² = %.2f.\n\n"
                            "Models with a size: %s → %s of %s (%.0f%% → %.0f%% of downloads). "
                            "Reported counts are unchanged; estimates count in charts while "
                            "“Estimated sizes” is on.%s"),
                          n_written, n_holdout, run->estimation->pooled.r2_holdout,
                          before, after, total,
                          isnan (share_before) ? 0.0 : 100.0 * share_before,
                          isnan (share_after) ? 0.0 : 100.0 * share_after, left_text);
}

static void
present_message (GtkWidget  *page,
                 const char *heading,
                 const char *body)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
estimate_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkWidget *page = GTK_WIDGET (object);
  g_autoptr(HubSizeEstimatorRun) run = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (page, ESTIMATE_ACTION, TRUE);
  run = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (run == NULL)
    {
      present_message (page, _("Could Not Estimate Sizes"), error->message);
      return;
    }

  {
    g_autofree char *body = hub_sizes_estimate_describe (run);

    present_message (page, _("Sizes Estimated"), body);
  }
  /* Every view reads the sizes from the store again. */
  gtk_widget_activate_action (page, "win.reload", NULL);
}

/**
 * hub_sizes_estimate_start:
 * @page: the widget whose "sizes.estimate" action this is; it is disabled
 *   while the run lasts, and the result dialog is shown on its window
 * @db_path: the store
 * @dataset: its models
 *
 * Estimates parameter counts for the models that report none
 * (hub_size_estimator_run()) on a worker thread, stores them, shows what
 * was done, and activates "win.reload" so that every view sees them.
 */
void
hub_sizes_estimate_start (GtkWidget    *page,
                          const char   *db_path,
                          HubDataset   *dataset,
                          GCancellable *cancellable)
{
  g_autoptr(GTask) task = NULL;
  EstimateData *data;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (db_path != NULL && dataset != NULL);

  data = g_new0 (EstimateData, 1);
  data->db_path = g_strdup (db_path);
  data->dataset = hub_dataset_ref (dataset);

  gtk_widget_action_set_enabled (page, ESTIMATE_ACTION, FALSE);
  task = g_task_new (page, cancellable, estimate_done, NULL);
  g_task_set_source_tag (task, hub_sizes_estimate_start);
  g_task_set_task_data (task, data, (GDestroyNotify) estimate_data_free);
  g_task_run_in_thread (task, estimate_thread);
}
