/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-detail-pane.h"

#include <glib/gi18n.h>
#include <string.h>
#include <math.h>

#include "hub-accessible.h"
#include "hub-display.h"
#include "hub-history.h"
#include "hub-scores.h"
#include "hub-list-query.h"
#include "hub-sparkline-widget.h"
#include "hub-store.h"

/* The files the Hub counts for a library without a rule of its own
 * (default_countDownloads_files of @huggingface/tasks). */
#define DEFAULT_COUNT_FILES "config.json, config.yaml, hyperparams.yaml, params.json, meta.yaml"

/* The pane's own store connection, shared with its worker tasks and used by
 * one of them at a time. */
typedef struct {
  GMutex    mutex;
  char     *path;
  HubStore *store;
} StoreHandle;

static void
store_handle_clear (gpointer data)
{
  StoreHandle *handle = data;

  g_clear_object (&handle->store);
  g_free (handle->path);
  g_mutex_clear (&handle->mutex);
}

static StoreHandle *
store_handle_new (const char *path)
{
  StoreHandle *handle = g_atomic_rc_box_new0 (StoreHandle);

  g_mutex_init (&handle->mutex);
  handle->path = g_strdup (path);
  return handle;
}

static void
store_handle_unref (StoreHandle *handle)
{
  g_atomic_rc_box_release_full (handle, store_handle_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreHandle, store_handle_unref)

typedef struct {
  StoreHandle *handle;
  char        *model_id;
} LoadRequest;

typedef struct {
  HubModelEntry *entry;    /* nullable */
  GArray        *history;  /* HubHistoryPoint, nullable */
  GPtrArray     *scores;   /* HubModelScore, nullable */
} LoadResult;

static void
load_request_free (LoadRequest *request)
{
  store_handle_unref (request->handle);
  g_free (request->model_id);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->entry, hub_model_entry_free);
  g_clear_pointer (&result->history, g_array_unref);
  g_clear_pointer (&result->scores, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

struct _HubDetailPane
{
  AdwBin        parent_instance;

  char         *db_path;
  StoreHandle  *handle;
  HubDataset   *dataset;
  guint         index;
  char         *model_id;
  GCancellable *cancellable;
  GPtrArray    *lineage_rows;   /* GtkWidget* in lineage_list */
  GtkWidget    *scores_group;
  GtkListBox   *scores_list;

  GtkStack     *stack;
  GtkScrolledWindow *scroller;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkLabel     *author_label;
  GtkLabel     *country_label;
  GtkLabel     *org_type_label;
  GtkLabel     *task_label;
  GtkLabel     *library_label;
  GtkLabel     *created_label;
  GtkLabel     *modified_label;
  GtkLabel     *license_label;
  GtkLabel     *gated_label;
  GtkLabel     *parameters_label;
  GtkLabel     *parameters_source_label;
  GtkLabel     *storage_label;
  GtkLabel     *downloads_label;
  GtkLabel     *downloads_all_time_label;
  GtkLabel     *ratio_label;
  GtkLabel     *likes_label;
  GtkLabel     *trending_label;
  HubSparklineWidget *sparkline;
  GtkLabel     *history_max_label;
  GtkLabel     *history_min_label;
  GtkLabel     *history_series_label;
  GtkLabel     *history_range_label;
  GtkLabel     *history_interval_label;
  GtkListBox   *lineage_list;
  GtkLabel     *rule_label;
  GtkLabel     *rule_explanation_label;
  AdwPreferencesGroup *tags_group;
  GtkFlowBox   *tags_box;
};

G_DEFINE_FINAL_TYPE (HubDetailPane, hub_detail_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  N_PROPS
};

enum {
  OPEN_MODEL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Sets a value label; an unknown value is a dimmed dash. */
static void
set_value (GtkLabel   *label,
           const char *text)
{
  gboolean unknown = text == NULL || *text == '\0' || g_str_equal (text, HUB_DISPLAY_UNKNOWN);

  gtk_label_set_text (label, unknown ? HUB_DISPLAY_UNKNOWN : text);
  if (unknown)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
set_value_take (GtkLabel *label,
                char     *text)
{
  set_value (label, text);
  g_free (text);
}

/* A headline figure: compact units ("2.1M"), the exact count on hover. */
static void
set_stat (GtkLabel *label,
          gint64    value)
{
  g_autofree char *exact = hub_display_count (value);

  set_value_take (label, hub_display_parameters (value));
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), value >= 0 ? exact : NULL);
}

static void
clear_lineage (HubDetailPane *self)
{
  for (guint i = 0; i < self->lineage_rows->len; i++)
    gtk_list_box_remove (self->lineage_list, g_ptr_array_index (self->lineage_rows, i));
  g_ptr_array_set_size (self->lineage_rows, 0);
}

static GtkWidget *
add_lineage_row (HubDetailPane *self,
                 const char    *title,
                 const char    *subtitle,
                 const char    *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "value");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  gtk_list_box_append (self->lineage_list, row);
  g_ptr_array_add (self->lineage_rows, row);
  return row;
}

static void
on_parent_activated (AdwActionRow  *row,
                     HubDetailPane *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "hub-model-index"));

  g_signal_emit (self, signals[OPEN_MODEL], 0, index);
}

static void
add_parent_row (HubDetailPane *self,
                const char    *parent_id,
                HubRelation    relation)
{
  gint32 index = self->dataset != NULL ? hub_dataset_find_model (self->dataset, parent_id) : -1;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (index >= 0)
    /* Translators: "Fine-tune of this parent" */
    subtitle = g_strdup_printf (_("Parent · %s"), hub_display_relation (relation));
  else
    subtitle = g_strdup_printf (_("Parent · %s · not in the data"), hub_display_relation (relation));

  row = add_lineage_row (self, parent_id, subtitle, NULL);

  if (index >= 0)
    {
      g_object_set_data (G_OBJECT (row), "hub-model-index", GUINT_TO_POINTER ((guint) index));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), hub_accessible_icon_new ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Show this parent model"));
      g_signal_connect (row, "activated", G_CALLBACK (on_parent_activated), self);
    }
}

/* Children counts come from the dataset; parents need their ids and
 * relations, so they come from the store entry when it is read (@entry), or
 * from the dataset's parent index meanwhile and on error. */
static void
fill_lineage (HubDetailPane       *self,
              const HubModelEntry *entry)
{
  const HubModelRecord *record = hub_dataset_get_model (self->dataset, self->index);
  guint counts[HUB_N_RELATIONS] = { 0 };
  guint n_children = 0;

  clear_lineage (self);

  if (entry != NULL && entry->parents != NULL && entry->parents->len > 0)
    {
      for (guint i = 0; i < entry->parents->len; i++)
        {
          const HubParentRef *ref = &g_array_index (entry->parents, HubParentRef, i);

          add_parent_row (self, ref->id, ref->relation);
        }
    }
  else
    {
      guint n_parents = 0;
      const gint32 *parents = hub_dataset_get_parents (self->dataset, self->index, &n_parents);
      guint missing = 0;

      for (guint i = 0; i < n_parents; i++)
        {
          if (parents[i] >= 0)
            add_parent_row (self, hub_dataset_get_model (self->dataset, parents[i])->id, record->relation);
          else
            missing++;
        }
      if (missing > 0)
        {
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u parent not in the data",
                                                                 "%u parents not in the data",
                                                                 missing),
                                                    missing);
          add_lineage_row (self, title, hub_display_relation (record->relation), NULL);
        }
      if (n_parents == 0)
        add_lineage_row (self, _("Base model"), _("No known parent"), NULL);
    }

  hub_dataset_count_children (self->dataset, self->index, counts);
  for (guint r = 0; r < HUB_N_RELATIONS; r++)
    n_children += counts[r];

  if (n_children == 0)
    add_lineage_row (self, _("No models derived from it"), NULL, NULL);
  else
    {
      static const HubRelation order[] = {
        HUB_RELATION_FINETUNE, HUB_RELATION_ADAPTER, HUB_RELATION_QUANTIZED,
        HUB_RELATION_MERGE, HUB_RELATION_UNKNOWN,
      };

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        if (counts[order[i]] > 0)
          {
            g_autofree char *value = hub_display_count (counts[order[i]]);

            add_lineage_row (self, hub_display_relation_plural (order[i]), NULL, value);
          }
    }
}

static void
fill_tags (HubDetailPane       *self,
           const HubModelEntry *entry)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  if (entry == NULL || entry->tags == NULL || entry->tags->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tags_group), FALSE);
      return;
    }

  for (guint i = 0; i < entry->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (entry->tags, i);
      GtkWidget *pill = gtk_label_new (tag);

      gtk_label_set_ellipsize (GTK_LABEL (pill), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (pill), 36);
      gtk_widget_set_tooltip_text (pill, tag);
      gtk_widget_add_css_class (pill, "tag");
      gtk_widget_set_halign (pill, GTK_ALIGN_START);
      gtk_flow_box_append (self->tags_box, pill);
      gtk_widget_set_can_focus (gtk_widget_get_parent (pill), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_group), TRUE);
}

static char *
format_short_date (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup (HUB_DISPLAY_UNKNOWN);
  /* Translators: a short date with time, strftime format */
  return g_date_time_format (dt, _("%b %-d, %H:%M"));
}

static void
clear_history (HubDetailPane *self,
               const char    *message)
{
  hub_sparkline_widget_set_data (self->sparkline, NULL, NULL, 0);
  gtk_label_set_text (self->history_max_label, message);
  gtk_label_set_text (self->history_min_label, "");
  gtk_label_set_text (self->history_series_label, "");
  gtk_label_set_text (self->history_range_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->history_interval_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

/* The main series of a model is the one that observed it most often. */
static const char *
find_main_series (GArray *history)
{
  const char *best = NULL;
  guint best_n = 0;
  guint i = 0;

  while (i < history->len)
    {
      const char *series = g_array_index (history, HubHistoryPoint, i).series;
      guint n = 0;

      while (i < history->len && g_strcmp0 (g_array_index (history, HubHistoryPoint, i).series, series) == 0)
        {
          n++;
          i++;
        }
      if (n > best_n)
        {
          best = series;
          best_n = n;
        }
    }
  return best;
}

static void
fill_history (HubDetailPane *self,
              GArray        *history)
{
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) xs = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *min_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *description = NULL;
  const char *series;
  gint64 interval_sum = 0;
  guint n_intervals = 0;
  gboolean decreased = FALSE;
  double vmin = INFINITY, vmax = -INFINITY;
  gint64 tmin = 0, tmax = 0;

  if (history == NULL || history->len == 0)
    {
      clear_history (self, _("No snapshot has observed this model yet"));
      return;
    }

  series = find_main_series (history);
  values = g_array_new (FALSE, FALSE, sizeof (double));
  xs = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < history->len; i++)
    {
      const HubHistoryPoint *point = &g_array_index (history, HubHistoryPoint, i);
      double v = point->downloads >= 0 ? (double) point->downloads : NAN;
      double x = (double) point->captured_at;

      if (g_strcmp0 (point->series, series) != 0)
        continue;

      g_array_append_val (values, v);
      g_array_append_val (xs, x);
      if (values->len == 1)
        tmin = point->captured_at;
      tmax = point->captured_at;
      if (!isnan (v))
        {
          vmin = MIN (vmin, v);
          vmax = MAX (vmax, v);
        }
      if (point->interval_downloads >= 0)
        {
          interval_sum += point->interval_downloads;
          n_intervals++;
        }
      decreased |= point->decreased;
    }

  hub_sparkline_widget_set_data (self->sparkline,
                                 (const double *) (gpointer) values->data,
                                 (const double *) (gpointer) xs->data,
                                 values->len);

  if (isfinite (vmax))
    {
      g_autofree char *vmax_s = hub_display_count ((gint64) vmax);
      g_autofree char *vmin_s = hub_display_count ((gint64) vmin);

      /* Translators: the largest 30-day download count among the snapshots */
      max_text = g_strdup_printf (_("Max %s"), vmax_s);
      min_text = g_strdup_printf (_("Min %s"), vmin_s);
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "30-day downloads in %u snapshot: from %s to %s",
                                                  "30-day downloads in %u snapshots: from %s to %s",
                                                  values->len),
                                     values->len, vmin_s, vmax_s);
    }
  else
    {
      max_text = g_strdup (_("No download counts observed"));
      min_text = g_strdup ("");
      description = g_strdup (max_text);
    }

  gtk_label_set_text (self->history_max_label, max_text);
  gtk_label_set_text (self->history_min_label, min_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u snapshot · %s",
                                                          "%u snapshots · %s",
                                                          values->len),
                                             values->len, series != NULL ? series : "");
    gtk_label_set_text (self->history_series_label, text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->history_series_label), text);
  }

  first = format_short_date (tmin);
  last = format_short_date (tmax);
  if (tmin == tmax)
    gtk_label_set_text (self->history_range_label, first);
  else
    {
      g_autofree char *range = g_strdup_printf ("%s – %s", first, last);
      gtk_label_set_text (self->history_range_label, range);
    }

  if (n_intervals > 0)
    {
      g_autofree char *sum = hub_display_count (interval_sum);
      g_autofree char *text = NULL;

      if (decreased)
        text = g_strdup_printf (_("%s downloads between these snapshots (all-time totals; a decrease was left out)"), sum);
      else
        text = g_strdup_printf (_("%s downloads between these snapshots (difference of all-time totals)"), sum);
      gtk_label_set_text (self->history_interval_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->history_interval_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->history_interval_label), FALSE);
}

/* One row per score: "STSBenchmark · 0.8342", under it the set, its
 * source and import date, and the variant and setting when there are. */
static void
fill_scores (HubDetailPane *self,
             GPtrArray     *scores)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scores_list))) != NULL)
    gtk_list_box_remove (self->scores_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->scores_group), scores != NULL && scores->len > 0);
  for (guint i = 0; scores != NULL && i < scores->len; i++)
    {
      const HubModelScore *score = g_ptr_array_index (scores, i);
      g_autofree char *day = hub_time_format_iso8601 (score->imported_at);
      g_autofree char *title = g_strdup_printf (score->lower_better ? _("%s · %.4g (lower is better)") : "%s · %.4g",
                                                score->benchmark, score->score);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();

      /* Translators: "mteb-english, imported 2026-12-07". */
      g_string_append_printf (subtitle, _("%s, imported %.10s"), score->set, day != NULL ? day : "?");
      if (*score->variant != '\0' && strcmp (score->variant, self->model_id) != 0)
        g_string_append_printf (subtitle, " · %s", score->variant);
      if (*score->setting != '\0')
        g_string_append_printf (subtitle, " · %s", score->setting);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      if (score->set_source != NULL)
        gtk_widget_set_tooltip_text (row, score->set_source);
      gtk_list_box_append (self->scores_list, row);
    }
}

static void
fill_rule (HubDetailPane        *self,
           const HubLibraryInfo *library)
{
  if (library != NULL && library->count_rule != NULL && *library->count_rule != '\0')
    {
      g_autofree char *text = NULL;

      gtk_label_set_text (self->rule_label, library->count_rule);
      text = g_strdup_printf (_("For %s models, the Hub counts one download each time a file "
                                "matching this rule is requested; other files of the repository "
                                "do not count. A download is a request, not a user: CI jobs and "
                                "caches count too."),
                              library->label != NULL ? library->label : library->id);
      gtk_label_set_text (self->rule_explanation_label, text);
    }
  else
    {
      gtk_label_set_text (self->rule_label, DEFAULT_COUNT_FILES);
      if (library != NULL && library->id != NULL && *library->id != '\0')
        {
          g_autofree char *text = g_strdup_printf (_("%s has no rule of its own, so the Hub "
                                                     "counts requests for these default files. "
                                                     "A download is a request, not a user."),
                                                   library->label != NULL ? library->label : library->id);
          gtk_label_set_text (self->rule_explanation_label, text);
        }
      else
        gtk_label_set_text (self->rule_explanation_label,
                            _("No library is declared, so the Hub counts requests for these "
                              "default files. A download is a request, not a user."));
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&request->handle->mutex);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (request->handle->store == NULL)
    {
      request->handle->store = hub_store_open (request->handle->path, &error);
      if (request->handle->store == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  result->entry = hub_store_get_model (request->handle->store, request->model_id, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  result->history = hub_history_load (request->handle->store, request->model_id, NULL, &error);
  if (result->history == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Scores are a side show: a failure to read them hides the group. */
  result->scores = hub_scores_for_model (request->handle->store, request->model_id, NULL);

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) load_result_free);
}

static void
load_done (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  HubDetailPane *self = HUB_DETAIL_PANE (object);
  g_autoptr(LoadResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);

  /* A newer selection replaced this request: drop it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_task_data (G_TASK (async_result)) == NULL ||
      g_strcmp0 (((LoadRequest *) g_task_get_task_data (G_TASK (async_result)))->model_id, self->model_id) != 0)
    return;

  g_clear_object (&self->cancellable);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the history: %s"), error->message);

      g_debug ("Reading %s: %s", self->model_id, error->message);
      clear_history (self, message);
      fill_tags (self, NULL);
      fill_scores (self, NULL);
      return;
    }

  fill_lineage (self, result->entry);
  fill_tags (self, result->entry);
  fill_history (self, result->history);
  fill_scores (self, result->scores);
}

static void
fill_from_record (HubDetailPane *self)
{
  const HubModelRecord *record = hub_dataset_get_model (self->dataset, self->index);
  const HubAuthorInfo *author = hub_dataset_get_author (self->dataset, record->author);
  const HubTaskInfo *task = hub_dataset_get_task (self->dataset, record->task);
  const HubLibraryInfo *library = hub_dataset_get_library (self->dataset, record->library);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *ratio = NULL;

  gtk_label_set_text (self->title_label, record->id);

  /* Subtitle: who made it, where. */
  g_string_append (subtitle, author->display_name != NULL ? author->display_name : author->author);
  if (author->display_name != NULL && g_strcmp0 (author->display_name, author->author) != 0)
    g_string_append_printf (subtitle, " (%s)", author->author);
  if (author->country != NULL)
    g_string_append_printf (subtitle, " · %s", hub_display_country (author->country));
  if (author->org_type != NULL)
    g_string_append_printf (subtitle, " · %s", hub_display_org_type (author->org_type));
  gtk_label_set_text (self->subtitle_label, subtitle->str);

  set_value (self->author_label, author->display_name != NULL ? author->display_name : author->author);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->author_label), author->author);
  set_value (self->country_label, hub_display_country (author->country));
  set_value (self->org_type_label, hub_display_org_type (author->org_type));
  set_value (self->task_label, record->task != 0 ? (task->name != NULL ? task->name : task->id) : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->task_label), record->task != 0 ? task->id : NULL);
  set_value (self->library_label, record->library != 0 ? (library->label != NULL ? library->label : library->id) : NULL);
  set_value_take (self->created_label, hub_display_date (record->created_at));
  set_value_take (self->modified_label, hub_display_date (record->last_modified));
  set_value (self->license_label, record->license);
  set_value (self->gated_label, record->gated ? _("Yes") : _("No"));

  set_value_take (self->parameters_label, hub_display_parameters (record->parameters));
  set_value (self->parameters_source_label,
             record->parameters >= 0 ? hub_display_param_source (record->parameters_source) : NULL);
  if (record->parameters >= 0)
    {
      g_autofree char *exact = hub_display_count (record->parameters);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->parameters_label), exact);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->parameters_label), NULL);
  set_value_take (self->storage_label, hub_display_storage (record->used_storage));

  set_stat (self->downloads_label, record->downloads);
  set_value_take (self->downloads_all_time_label, hub_display_count (record->downloads_all_time));
  ratio = hub_display_ratio (hub_model_recent_ratio (record));
  set_value (self->ratio_label, ratio);
  set_stat (self->likes_label, record->likes);
  set_stat (self->trending_label, record->trending_score);

  fill_rule (self, record->library != 0 ? library : NULL);
  fill_lineage (self, NULL);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HubDetailPane *self = HUB_DETAIL_PANE (widget);

  if (self->model_id != NULL)
    gtk_widget_activate_action (widget, "win.compare-model", "s", self->model_id);
}

static void
hub_detail_pane_open_hub (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HubDetailPane *self = HUB_DETAIL_PANE (widget);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  if (self->model_id == NULL)
    return;

  escaped = g_uri_escape_string (self->model_id, "/", FALSE);
  uri = g_strconcat ("https://huggingface.co/", escaped, NULL);
  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
hub_detail_pane_dispose (GObject *object)
{
  HubDetailPane *self = HUB_DETAIL_PANE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The bin's child is a template child: let the bin drop it first, or
   * both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_DETAIL_PANE);

  G_OBJECT_CLASS (hub_detail_pane_parent_class)->dispose (object);
}

static void
hub_detail_pane_finalize (GObject *object)
{
  HubDetailPane *self = HUB_DETAIL_PANE (object);

  g_clear_pointer (&self->handle, store_handle_unref);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->lineage_rows, g_ptr_array_unref);
  g_free (self->model_id);
  g_free (self->db_path);

  G_OBJECT_CLASS (hub_detail_pane_parent_class)->finalize (object);
}

static void
hub_detail_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HubDetailPane *self = HUB_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_detail_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HubDetailPane *self = HUB_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      hub_detail_pane_set_db_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_detail_pane_class_init (HubDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_detail_pane_dispose;
  object_class->finalize = hub_detail_pane_finalize;
  object_class->get_property = hub_detail_pane_get_property;
  object_class->set_property = hub_detail_pane_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HubDetailPane::open-model:
   * @index: the model index of the parent the user picked
   */
  signals[OPEN_MODEL] =
    g_signal_new ("open-model", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (HUB_TYPE_SPARKLINE_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, author_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, country_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, org_type_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, task_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, library_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, created_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, modified_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, license_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, gated_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, parameters_source_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, parameters_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, storage_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, downloads_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, downloads_all_time_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, ratio_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, likes_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, trending_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, sparkline);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, history_max_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, history_min_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, history_series_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, history_range_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, history_interval_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, lineage_list);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, scores_group);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, scores_list);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, rule_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, rule_explanation_label);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, tags_group);
  gtk_widget_class_bind_template_child (widget_class, HubDetailPane, tags_box);

  gtk_widget_class_install_action (widget_class, "detail.open-hub", NULL, hub_detail_pane_open_hub);
  gtk_widget_class_install_action (widget_class, "detail.compare", NULL, compare_action);
  gtk_widget_class_set_css_name (widget_class, "detailpane");
}

static void
hub_detail_pane_init (HubDetailPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lineage_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.open-hub", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.compare", FALSE);
}

/**
 * hub_detail_pane_new:
 *
 * Returns: (transfer full): a new detail pane showing "Select a model".
 */
GtkWidget *
hub_detail_pane_new (void)
{
  return g_object_new (HUB_TYPE_DETAIL_PANE, NULL);
}

/**
 * hub_detail_pane_set_db_path:
 * @self: a detail pane
 * @db_path: (nullable): the store to read tags and history from
 *
 * The pane opens its own connection to @db_path on its worker thread.
 */
void
hub_detail_pane_set_db_path (HubDetailPane *self,
                             const char    *db_path)
{
  g_return_if_fail (HUB_IS_DETAIL_PANE (self));

  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  g_clear_pointer (&self->handle, store_handle_unref);
  if (db_path != NULL)
    self->handle = store_handle_new (db_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

/**
 * hub_detail_pane_get_db_path:
 * Returns: (nullable): the store path.
 */
const char *
hub_detail_pane_get_db_path (HubDetailPane *self)
{
  g_return_val_if_fail (HUB_IS_DETAIL_PANE (self), NULL);
  return self->db_path;
}

/**
 * hub_detail_pane_show_model:
 * @self: a detail pane
 * @dataset: (nullable): the dataset, or %NULL to show nothing
 * @index: the model's index in @dataset
 *
 * Shows the model's fields at once and starts reading its tags, parents
 * and history; a previous read still running is cancelled.
 */
void
hub_detail_pane_show_model (HubDetailPane *self,
                            HubDataset    *dataset,
                            guint          index)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  g_return_if_fail (HUB_IS_DETAIL_PANE (self));
  g_return_if_fail (dataset == NULL || index < hub_dataset_get_n_models (dataset));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (dataset == NULL)
    {
      g_clear_pointer (&self->dataset, hub_dataset_unref);
      g_clear_pointer (&self->model_id, g_free);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.open-hub", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.compare", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.compare", FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (self->dataset != dataset)
    {
      g_clear_pointer (&self->dataset, hub_dataset_unref);
      self->dataset = hub_dataset_ref (dataset);
    }
  self->index = index;
  g_free (self->model_id);
  self->model_id = g_strdup (hub_dataset_get_model (dataset, index)->id);

  fill_from_record (self);
  clear_history (self, _("Reading the snapshots…"));
  fill_scores (self, NULL);
  fill_tags (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.open-hub", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.compare", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "details");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (self->handle == NULL)
    {
      clear_history (self, _("No database to read the history from"));
      return;
    }

  self->cancellable = g_cancellable_new ();
  request = g_new0 (LoadRequest, 1);
  request->handle = g_atomic_rc_box_acquire (self->handle);
  request->model_id = g_strdup (self->model_id);

  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, hub_detail_pane_show_model);
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * hub_detail_pane_get_model_id:
 * Returns: (nullable): the id of the model shown.
 */
const char *
hub_detail_pane_get_model_id (HubDetailPane *self)
{
  g_return_val_if_fail (HUB_IS_DETAIL_PANE (self), NULL);
  return self->model_id;
}

/**
 * hub_detail_pane_is_loading:
 * Returns: %TRUE while the tags and history are being read.
 */
gboolean
hub_detail_pane_is_loading (HubDetailPane *self)
{
  g_return_val_if_fail (HUB_IS_DETAIL_PANE (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * hub_detail_pane_get_title:
 * Returns: the title shown, "" when no model is.
 */
const char *
hub_detail_pane_get_title (HubDetailPane *self)
{
  g_return_val_if_fail (HUB_IS_DETAIL_PANE (self), NULL);

  if (self->model_id == NULL)
    return "";
  return gtk_label_get_text (self->title_label);
}

/**
 * hub_detail_pane_get_history_n_points:
 * Returns: the number of snapshots drawn in the sparkline.
 */
guint
hub_detail_pane_get_history_n_points (HubDetailPane *self)
{
  g_return_val_if_fail (HUB_IS_DETAIL_PANE (self), 0);
  return hub_sparkline_widget_get_n_values (self->sparkline);
}

/**
 * hub_detail_pane_get_n_tags:
 * Returns: the number of tag pills shown.
 */
guint
hub_detail_pane_get_n_tags (HubDetailPane *self)
{
  guint n = 0;

  g_return_val_if_fail (HUB_IS_DETAIL_PANE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

guint
hub_detail_pane_get_n_scores (HubDetailPane *self)
{
  guint n = 0;

  g_return_val_if_fail (HUB_IS_DETAIL_PANE (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->scores_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}
