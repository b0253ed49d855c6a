/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-trending-page.h"

#include <glib/gi18n.h>

#include "hub-adaptive-bin.h"
#include "hub-column-sorter.h"
#include "hub-dataset-boxed.h"
#include "hub-display.h"
#include "hub-filter-bar.h"
#include "hub-lineage.h"
#include "hub-middle-label.h"
#include "hub-model-row.h"
#include "hub-page-work.h"
#include "hub-row-model.h"
#include "hub-settings.h"
#include "hub-tab-stop.h"

/* The rank and the model, then the numbers a list is sorted by, then the
 * model's attributes: at the default 1280x800, beside the detail pane,
 * the sort column and the parameters show (issue 19: they were cut off
 * behind author, task and library). */
typedef enum {
  COL_RANK,
  COL_MODEL,
  COL_TRENDING,
  COL_DOWNLOADS,
  COL_ALL_TIME,
  COL_RATIO,
  COL_LIKES,
  COL_PARAMETERS,
  COL_AUTHOR,
  COL_TASK,
  COL_LIBRARY,
  COL_CREATED,
  COL_COUNTRY,
  N_COLUMNS
} Column;

static const struct {
  const char  *id;
  const char  *title;
  HubListSort  sort;
  int          width;
} column_info[N_COLUMNS] = {
  /* The position in the list as sorted: no sort of its own. */
  [COL_RANK]       = { "rank",       N_("#"),                HUB_N_LIST_SORTS,                   72 },
  [COL_MODEL]      = { "model",      N_("Model"),            HUB_LIST_SORT_ID,                  280 },
  [COL_TRENDING]   = { "trending",   N_("Trending"),         HUB_LIST_SORT_TRENDING,             90 },
  [COL_DOWNLOADS]  = { "downloads",  N_("Downloads (30 d)"), HUB_LIST_SORT_DOWNLOADS,           140 },
  [COL_ALL_TIME]   = { "all-time",   N_("All-time"),         HUB_LIST_SORT_DOWNLOADS_ALL_TIME,  110 },
  [COL_RATIO]      = { "ratio",      N_("Recent ratio"),     HUB_LIST_SORT_RECENT_RATIO,        110 },
  [COL_LIKES]      = { "likes",      N_("Likes"),            HUB_LIST_SORT_LIKES,                80 },
  [COL_PARAMETERS] = { "parameters", N_("Parameters"),       HUB_LIST_SORT_PARAMETERS,          100 },
  [COL_AUTHOR]     = { "author",     N_("Author"),           HUB_LIST_SORT_AUTHOR,              140 },
  [COL_TASK]       = { "task",       N_("Task"),             HUB_LIST_SORT_TASK,                150 },
  [COL_LIBRARY]    = { "library",    N_("Library"),          HUB_LIST_SORT_LIBRARY,             110 },
  [COL_CREATED]    = { "created",    N_("Created"),          HUB_LIST_SORT_CREATED,             160 },
  [COL_COUNTRY]    = { "country",    N_("Country"),          HUB_LIST_SORT_COUNTRY,              80 },
};

typedef struct {
  HubListQuery  query;
  HubDataset   *dataset;
  guint         serial;
  gint64        started;
  gboolean      families;  /* rank family roots instead of models */
  HubLineage   *lineage;   /* in: the page's graph if built; out: the graph */
  GArray       *family_sums; /* out, with families: HubLineageSum per root */
} QueryData;

static void
query_data_free (QueryData *data)
{
  hub_list_query_clear (&data->query);
  g_clear_pointer (&data->lineage, hub_lineage_unref);
  g_clear_pointer (&data->family_sums, g_array_unref);
  hub_dataset_unref (data->dataset);
  g_free (data);
}

struct _HubTrendingPage
{
  AdwBin              parent_instance;

  HubDataset         *dataset;
  char               *db_path;
  HubRowModel        *rows;
  GtkSingleSelection *selection;
  GSettings          *settings;
  GtkColumnViewColumn *columns[N_COLUMNS];
  gboolean            auto_hidden[N_COLUMNS]; /* hidden: no value in the data */
  gboolean            compact_hidden[N_COLUMNS]; /* hidden while compact */
  HubListSort         sort;
  gboolean            descending;
  HubPageWork         work;        /* the list's query */
  guint               shown_index;      /* model in the detail pane, G_MAXUINT none */
  gboolean            updating;         /* ignore selection changes we make */
  gboolean            resetting;        /* clearing filters: one query at the end */
  gboolean            refreshing_header; /* the old sort column's header redraws its arrow */
  gboolean            sort_from_code;   /* the sort is set by set_sort(), not a click */
  gboolean            families_sort;    /* the Families toggle sets its order */
  HubListSort         sort_before_families;   /* the order to go back to */
  gboolean            descending_before_families;
  gboolean            compact;          /* filters in the popover */
  int                 bar_natural;      /* the inline filter bar's natural width */
  HubAdaptiveBin     *adaptive_bin;

  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_box;
  GtkWidget          *top_row;
  GtkWidget          *filter_row;
  GtkWidget          *status_box;
  GtkScrolledWindow  *filter_scroller;
  GtkMenuButton      *filters_button;
  GtkPopover         *filters_popover;
  GtkWidget          *back_button;
  GtkSearchEntry     *search_entry;
  GtkSpinner         *spinner;
  GtkLabel           *count_label;
  HubFilterBar       *filter_bar;
  GtkToggleButton    *families_toggle;
  HubLineage         *lineage;          /* built on the first family ranking */
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  HubDetailPane      *detail_pane;
};

G_DEFINE_FINAL_TYPE (HubTrendingPage, hub_trending_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_query (HubTrendingPage *self);
static void set_sort  (HubTrendingPage *self,
                       HubListSort      sort,
                       gboolean         descending);
static void update_filters_button (HubTrendingPage *self);

static Column
column_for_sort (HubListSort sort)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (column_info[i].sort == sort)
      return i;
  return COL_TRENDING;
}

/* Cells ------------------------------------------------------------------ */

static gboolean cell_query_tooltip (GtkWidget   *label,
                                    int          x,
                                    int          y,
                                    gboolean     keyboard,
                                    GtkTooltip  *tooltip,
                                    GtkListItem *item);

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  gboolean numeric = column == COL_RANK || hub_list_sort_is_numeric (column_info[column].sort);
  GtkWidget *label;

  /* Model ids keep their author and their suffix ("…-GGUF"). The other
   * cells are GtkInscriptions, sized by the column and not by their text:
   * GTK 4.8 builds every kept row (up to 200, 13 cells each) again for
   * each new result, and an inscription is not measured (bench-frames:
   * ~10 % less stall per result than GtkLabel; bench/README.md). */
  if (column == COL_MODEL)
    label = hub_middle_label_new ();
  else
    {
      label = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (label), numeric ? 1.0 : 0.0);
    }
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COL_MODEL || column == COL_AUTHOR || column == COL_PARAMETERS)
    {
      g_object_set_data (G_OBJECT (label), "hub-column", GUINT_TO_POINTER (column));
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (cell_query_tooltip), item);
    }
  gtk_list_item_set_child (item, label);
}

/* @family: in the Families list, the family the row's root heads: the
 * downloads columns show the whole family's, which is what it is ranked by
 * (issue 19: they showed the root's own, 5,488,942 above 37,007,228). */
static char *
cell_text (Column                column,
           HubDataset           *dataset,
           const HubModelRecord *record,
           const HubLineageSum  *family)
{
  switch (column)
    {
    case COL_MODEL:
      return g_strdup (record->id);
    case COL_AUTHOR:
      return g_strdup (hub_dataset_get_author (dataset, record->author)->author);
    case COL_TASK:
      {
        const HubTaskInfo *task = hub_dataset_get_task (dataset, record->task);

        if (record->task == 0)
          return NULL;
        return g_strdup (task->name != NULL ? task->name : task->id);
      }
    case COL_LIBRARY:
      {
        const HubLibraryInfo *library = hub_dataset_get_library (dataset, record->library);

        if (record->library == 0)
          return NULL;
        return g_strdup (library->label != NULL ? library->label : library->id);
      }
    case COL_DOWNLOADS:
      return hub_display_count (family != NULL ? family->downloads : record->downloads);
    case COL_ALL_TIME:
      return hub_display_count (family != NULL ? hub_lineage_sum_all_time (family) : record->downloads_all_time);
    case COL_RATIO:
      return hub_display_ratio (hub_model_recent_ratio (record));
    case COL_LIKES:
      return hub_display_count (record->likes);
    case COL_TRENDING:
      return hub_display_count (record->trending_score);
    case COL_PARAMETERS:
      return hub_display_parameters (record->parameters);
    case COL_CREATED:
      return hub_display_date (record->created_at);
    case COL_COUNTRY:
      {
        const char *country = hub_dataset_get_author (dataset, record->author)->country;

        if (g_strcmp0 (country, "ONLINE") == 0)
          return g_strdup (_("Online"));
        return g_strdup (country);
      }
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* "—" in a cell: dimmed like .dim-label, in either style (the alpha
 * applies to the label's colour). */
static PangoAttrList *
unknown_attributes (void)
{
  static PangoAttrList *attributes;  /* cells are bound on the main thread */

  if (attributes == NULL)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_foreground_alpha_new (0.55 * G_MAXUINT16));
    }
  return attributes;
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *child = gtk_list_item_get_child (item);
  HubModelRow *row = gtk_list_item_get_item (item);
  HubDataset *dataset = hub_model_row_get_dataset (row);
  const HubModelRecord *record = hub_model_row_get_record (row);
  g_autofree char *text = column == COL_RANK
                          ? hub_display_count ((gint64) gtk_list_item_get_position (item) + 1)
                          : cell_text (column, dataset, record, hub_model_row_get_family (row));
  gboolean unknown = text == NULL || g_str_equal (text, HUB_DISPLAY_UNKNOWN);
  GtkInscription *cell;

  if (HUB_IS_MIDDLE_LABEL (child))
    {
      hub_middle_label_set_text (HUB_MIDDLE_LABEL (child), text);
      return;
    }
  cell = GTK_INSCRIPTION (child);

  /* The dimming is part of the cell's own text attributes, set on every
   * bind: a recycled cell never keeps the previous row's look (a style
   * class toggled on bind left some dashes in another grey). */
  gtk_inscription_set_text (cell, unknown ? HUB_DISPLAY_UNKNOWN : text);
  gtk_inscription_set_attributes (cell, unknown ? unknown_attributes () : NULL);
}

/* Tooltips are computed when asked: setting them on every bind costs an X
 * round trip per cell when the pointer is over the list. */
static gboolean
cell_query_tooltip (GtkWidget   *label,
                    int          x,
                    int          y,
                    gboolean     keyboard,
                    GtkTooltip  *tooltip,
                    GtkListItem *item)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "hub-column"));
  HubModelRow *row = gtk_list_item_get_item (item);
  const HubModelRecord *record;
  HubDataset *dataset;

  if (row == NULL)
    return FALSE;

  dataset = hub_model_row_get_dataset (row);
  record = hub_model_row_get_record (row);

  switch (column)
    {
    case COL_MODEL:
      /* Long ids are ellipsized: the full id is one hover away. */
      if (!hub_middle_label_is_ellipsized (HUB_MIDDLE_LABEL (label)))
        return FALSE;
      gtk_tooltip_set_text (tooltip, record->id);
      return TRUE;
    case COL_AUTHOR:
      {
        const HubAuthorInfo *author = hub_dataset_get_author (dataset, record->author);

        if (author->display_name == NULL || g_strcmp0 (author->display_name, author->author) == 0)
          return FALSE;
        gtk_tooltip_set_text (tooltip, author->display_name);
        return TRUE;
      }
    case COL_PARAMETERS:
      {
        g_autofree char *exact = NULL;

        if (record->parameters < 0)
          return FALSE;
        exact = hub_display_count (record->parameters);
        gtk_tooltip_set_text (tooltip, exact);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

static void
add_columns (HubTrendingPage *self)
{
  g_autoptr(GMenu) header_menu = g_menu_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(HubColumnSorter) sorter = column_info[c].sort < HUB_N_LIST_SORTS
                                          ? hub_column_sorter_new (column_info[c].sort) : NULL;
      g_autoptr(GAction) action = NULL;
      g_autofree char *detailed = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GUINT_TO_POINTER (c));

      column = gtk_column_view_column_new (_(column_info[c].title), g_object_ref (factory));
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_info[c].width);
      gtk_column_view_column_set_expand (column, c == COL_MODEL);
      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (header_menu));
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;

      /* The header menu shows and hides columns. */
      action = G_ACTION (g_property_action_new (column_info[c].id, column, "visible"));
      g_action_map_add_action (G_ACTION_MAP (group), action);
      detailed = g_strconcat ("columns.", column_info[c].id, NULL);
      if (c != COL_MODEL)
        g_menu_append (header_menu, _(column_info[c].title), detailed);
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (group));
}

/* Compact (a phone's width): the rank, the model and what the list is
 * sorted by; the other columns come back when the list is wide again
 * (issue 19: at 360 px only model and author showed, no downloads). */
static void
update_compact_columns (HubTrendingPage *self)
{
  for (Column c = 0; c < N_COLUMNS; c++)
    {
      GtkColumnViewColumn *column = self->columns[c];
      gboolean keep = c == COL_RANK || c == COL_MODEL || column_info[c].sort == self->sort;

      if (self->compact && !keep && gtk_column_view_column_get_visible (column))
        {
          gtk_column_view_column_set_visible (column, FALSE);
          self->compact_hidden[c] = TRUE;
        }
      else if ((!self->compact || keep) && self->compact_hidden[c])
        {
          gtk_column_view_column_set_visible (column, TRUE);
          self->compact_hidden[c] = FALSE;
        }
    }
  gtk_column_view_column_set_fixed_width (self->columns[COL_MODEL],
                                          self->compact ? 190 : column_info[COL_MODEL].width);
}

/* A column that would hold only "—" for the whole dataset (the embedded
 * data has no all-time downloads, so no recent ratio either) is hidden;
 * it comes back when a dataset with values (a sync) is set. A column the
 * user hid from the header menu stays hidden. */
static void
update_data_columns (HubTrendingPage *self)
{
  gboolean has_value[N_COLUMNS] = { FALSE, };
  const Column data_columns[] = { COL_ALL_TIME, COL_RATIO };
  guint n = self->dataset != NULL ? hub_dataset_get_n_models (self->dataset) : 0;

  for (guint i = 0; i < n && !(has_value[COL_ALL_TIME] && has_value[COL_RATIO]); i++)
    {
      const HubModelRecord *record = hub_dataset_get_model (self->dataset, i);

      if (record->downloads_all_time >= 0)
        has_value[COL_ALL_TIME] = TRUE;
      if (hub_model_recent_ratio (record) >= 0)
        has_value[COL_RATIO] = TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (data_columns); i++)
    {
      Column c = data_columns[i];
      GtkColumnViewColumn *column = self->columns[c];

      if (!has_value[c] && gtk_column_view_column_get_visible (column))
        {
          gtk_column_view_column_set_visible (column, FALSE);
          self->auto_hidden[c] = TRUE;
        }
      else if (has_value[c] && self->auto_hidden[c])
        {
          gtk_column_view_column_set_visible (column, TRUE);
          self->auto_hidden[c] = FALSE;
        }
    }
}

/* Filters ---------------------------------------------------------------- */

/**
 * hub_trending_page_get_query:
 * @self: a trending page
 * @query: (out caller-allocates): receives the filters and order shown;
 *   clear it with hub_list_query_clear()
 */
void
hub_trending_page_get_query (HubTrendingPage *self,
                             HubListQuery    *query)
{
  g_autofree char *search = NULL;

  g_return_if_fail (HUB_IS_TRENDING_PAGE (self));
  g_return_if_fail (query != NULL);

  hub_list_query_init (query);

  search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*search != '\0')
    query->search = g_steal_pointer (&search);
  hub_filter_bar_apply (self->filter_bar, query);

  query->sort = self->sort;
  query->descending = self->descending;
  query->limit = 0;
}

/* Results ---------------------------------------------------------------- */

static void
update_count_label (HubTrendingPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint total = self->dataset != NULL ? hub_dataset_get_n_models (self->dataset) : 0;
  g_autofree char *shown_s = hub_display_count (shown);
  g_autofree char *total_s = hub_display_count (total);
  g_autofree char *text = NULL;

  if (gtk_toggle_button_get_active (self->families_toggle))
    /* Translators: "312 families of 15,904 models" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s family of %s models", "%s families of %s models", shown),
                            shown_s, total_s);
  else
    /* Translators: "1,204 of 15,904 models" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s model", "%s of %s models", total),
                            shown_s, total_s);
  gtk_label_set_text (self->count_label, text);
}

static void
show_model (HubTrendingPage *self,
            guint            model_index)
{
  self->shown_index = model_index;
  if (model_index == G_MAXUINT)
    hub_detail_pane_show_model (self->detail_pane, NULL, 0);
  else
    hub_detail_pane_show_model (self->detail_pane, self->dataset, model_index);
}

static void
on_selection_changed (HubTrendingPage *self)
{
  guint position;

  if (self->updating)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  show_model (self, hub_row_model_get_model_index (self->rows, position));
}


static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData *data = task_data;
  GArray *indices = NULL;

  if (data->families)
    {
      /* Re-uploads grouped: one row per family, by its root, ranked by the
       * downloads of the whole family; the filters apply to the roots. */
      g_autoptr(GArray) families = NULL;

      if (data->lineage == NULL)
        data->lineage = hub_lineage_new (data->dataset);
      families = hub_lineage_rank_families (data->lineage, &data->query, 1, 0, cancellable);
      if (families != NULL)
        {
          indices = g_array_sized_new (FALSE, FALSE, sizeof (guint32), families->len);
          data->family_sums = g_array_sized_new (FALSE, FALSE, sizeof (HubLineageSum), families->len);
          for (guint i = 0; i < families->len; i++)
            {
              const HubLineageFamily *f = &g_array_index (families, HubLineageFamily, i);

              g_array_append_val (indices, f->root);
              g_array_append_val (data->family_sums, f->all);
            }
        }
    }
  else
    indices = hub_list_query_run (&data->query, data->dataset, cancellable);

  if (indices == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_task_return_pointer (task, indices, (GDestroyNotify) g_array_unref);
}

static void
query_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (object);
  QueryData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *indices;
  guint position;
  gint64 start;

  indices = g_task_propagate_pointer (G_TASK (result), &error);
  if (indices == NULL)
    return;

  /* A newer query was started: this result is stale. */
  if (data->dataset != self->dataset || !hub_page_work_finish (&self->work, data->serial))
    {
      g_array_unref (indices);
      return;
    }
  if (self->lineage == NULL && data->lineage != NULL)
    self->lineage = hub_lineage_ref (data->lineage);

  /* Swap the rows without letting the transient unselection clear the
   * detail pane, then select the shown model again if it is still listed. */
  start = g_get_monotonic_time ();
  self->updating = TRUE;
  hub_row_model_set_families (self->rows, data->dataset, indices, g_steal_pointer (&data->family_sums));
  position = self->shown_index != G_MAXUINT ? hub_row_model_find (self->rows, self->shown_index) : G_MAXUINT;
  gtk_single_selection_set_selected (self->selection,
                                     position != G_MAXUINT ? position : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  if (position == G_MAXUINT && self->shown_index != G_MAXUINT &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    show_model (self, G_MAXUINT);

  update_count_label (self);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0 ? "list" : "empty");
  g_debug ("Query %u: %u rows, %.1f ms on the worker, %.1f ms to show",
           data->serial, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
           (start - data->started) / 1000.0, (g_get_monotonic_time () - start) / 1000.0);
}

static void
run_query (HubTrendingPage *self)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  if (self->dataset == NULL || self->resetting)
    return;

  data = g_new0 (QueryData, 1);
  hub_trending_page_get_query (self, &data->query);

  data->dataset = hub_dataset_ref (self->dataset);
  data->families = gtk_toggle_button_get_active (self->families_toggle);
  data->lineage = self->lineage != NULL ? hub_lineage_ref (self->lineage) : NULL;
  data->serial = hub_page_work_begin (&self->work);
  data->started = g_get_monotonic_time ();

  task = g_task_new (self, self->work.cancellable, query_done, NULL);
  g_task_set_source_tag (task, run_query);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, query_thread);
}

/* Signals ---------------------------------------------------------------- */

static void
on_search_changed (HubTrendingPage *self)
{
  run_query (self);
}

/* Families are ranked by the whole family's downloads, which the downloads
 * columns then show, under titles that say so, with the sort arrow on them
 * (issue 19: the arrow said Trending, the column the root's own count). */
static void
on_families_toggled (HubTrendingPage *self)
{
  gboolean families = gtk_toggle_button_get_active (self->families_toggle);

  gtk_column_view_column_set_title (self->columns[COL_DOWNLOADS],
                                    families ? _("Family downloads (30 d)") : _(column_info[COL_DOWNLOADS].title));
  gtk_column_view_column_set_title (self->columns[COL_ALL_TIME],
                                    families ? _("Family all-time") : _(column_info[COL_ALL_TIME].title));
  /* Room for the longer title and its sort arrow. */
  gtk_column_view_column_set_fixed_width (self->columns[COL_DOWNLOADS],
                                          column_info[COL_DOWNLOADS].width + (families ? 50 : 0));
  if (families)
    {
      self->sort_before_families = self->sort;
      self->descending_before_families = self->descending;
    }
  if (families && (self->sort != HUB_LIST_SORT_DOWNLOADS || !self->descending))
    {
      self->families_sort = TRUE;
      set_sort (self, HUB_LIST_SORT_DOWNLOADS, TRUE);  /* runs the query */
      self->families_sort = FALSE;
    }
  else if (!families &&
           (self->sort != self->sort_before_families || self->descending != self->descending_before_families))
    {
      /* Back to the models in the order they had before. */
      self->families_sort = TRUE;
      set_sort (self, self->sort_before_families, self->descending_before_families);  /* runs the query */
      self->families_sort = FALSE;
    }
  else
    run_query (self);
}

static void
on_stop_search (HubTrendingPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_filters_changed (HubTrendingPage *self)
{
  update_filters_button (self);
  run_query (self);
}

/* Shows @sort in the column headers; the column view's sorter then drives
 * the query (on_sorter_changed()), so the arrow and the order shown are
 * always the same. */
static void
set_sort (HubTrendingPage *self,
          HubListSort      sort,
          gboolean         descending)
{
  self->sort_from_code = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->columns[column_for_sort (sort)],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->sort_from_code = FALSE;
}

/* GTK 4.8's gtk_column_view_sort_by_column() replaces the sort column
 * without telling the previous one, whose header kept its arrow. Setting
 * that column's sorter again makes its header look at the sort anew (and
 * drops it as a tie-breaker, which the query does not use). */
static void
refresh_header (HubTrendingPage *self,
                HubListSort      sort)
{
  GtkColumnViewColumn *column = self->columns[column_for_sort (sort)];
  g_autoptr(GtkSorter) sorter = g_object_ref (gtk_column_view_column_get_sorter (column));

  self->refreshing_header = TRUE;
  gtk_column_view_column_set_sorter (column, NULL);
  gtk_column_view_column_set_sorter (column, sorter);
  self->refreshing_header = FALSE;
}

static void
on_sorter_changed (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   HubTrendingPage *self)
{
  HubListSort sort;
  gboolean descending;

  if (self->refreshing_header)
    return;

  /* Never unsorted: the list always has an order, so a header shows it. */
  if (!hub_column_sorter_probe (sorter, &sort, &descending))
    {
      set_sort (self, self->sort, self->descending);
      return;
    }

  if (sort != self->sort)
    refresh_header (self, self->sort);

  /* A first click on a number column shows the largest first; a second
   * click turns it around. */
  if (!self->sort_from_code && sort != self->sort && !descending && hub_list_sort_is_numeric (sort))
    {
      set_sort (self, sort, TRUE);
      return;
    }

  if (sort == self->sort && descending == self->descending)
    return;

  self->sort = sort;
  self->descending = descending;
  update_compact_columns (self);
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "trending-sort", hub_list_sort_to_string (sort));
      g_settings_set_boolean (self->settings, "trending-sort-descending", descending);
    }
  /* Families have one order; sorting by anything else lists models. */
  if (!self->families_sort && gtk_toggle_button_get_active (self->families_toggle) &&
      (sort != HUB_LIST_SORT_DOWNLOADS || !descending))
    {
      /* The order chosen is the one to keep once the models are back. */
      self->sort_before_families = sort;
      self->descending_before_families = descending;
      gtk_toggle_button_set_active (self->families_toggle, FALSE);  /* runs the query */
      return;
    }
  run_query (self);
}

static void
sort_by_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (widget);
  const char *name = NULL;
  gboolean descending = TRUE;
  HubListSort sort;

  g_variant_get (parameter, "(&sb)", &name, &descending);
  if (!hub_list_sort_from_string (name, &sort))
    {
      g_debug ("trending.sort-by: no sort called “%s”", name);
      return;
    }
  hub_trending_page_set_sort (self, sort, descending);
}

/* Finds the list view inside the column view: GTK 4.8 has no public
 * scroll-to, but the list view's "list.scroll-to-item" action does it. */
static void
scroll_to_position (HubTrendingPage *self,
                    guint            position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

static void
on_open_model (HubDetailPane   *pane,
               guint            model_index,
               HubTrendingPage *self)
{
  hub_trending_page_show_model (self, model_index);
}

/**
 * hub_trending_page_show_model:
 * Selects the model at @model_index of the dataset and shows its detail;
 * one the filters leave out is shown without a selection.
 */
void
hub_trending_page_show_model (HubTrendingPage *self,
                              guint            model_index)
{
  guint position = hub_row_model_find (self->rows, model_index);

  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      scroll_to_position (self, position);
    }
  else
    {
      /* Filtered out of the list: show it without a selection. */
      self->updating = TRUE;
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      self->updating = FALSE;
      show_model (self, model_index);
    }
}

static void
clear_filters (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (widget);

  self->resetting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  hub_filter_bar_reset (self->filter_bar);
  self->resetting = FALSE;
  run_query (self);
}

/* Adaptive layout --------------------------------------------------------- */

/* "Filters" in the narrow layout says how many are set. */
static void
update_filters_button (HubTrendingPage *self)
{
  guint n_active = hub_filter_bar_get_n_active (self->filter_bar);
  g_autofree char *label = NULL;

  if (n_active == 0)
    label = g_strdup (_("Filters"));
  else
    /* Translators: the narrow layout's filter button, with how many are set */
    label = g_strdup_printf (_("Filters (%u)"), n_active);
  gtk_menu_button_set_label (self->filters_button, label);
  if (n_active > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filters_button), "filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filters_button), "filter-active");
}

/* Wide: the search and the count on one row, the filters inline below.
 * Narrow: the search and a "Filters" button whose popover holds the same
 * filter bar, the Families toggle and the count below. One bar, moved, so
 * its choices stay as they are. */
static void
set_compact (HubTrendingPage *self,
             gboolean         compact)
{
  GtkWidget *bar = GTK_WIDGET (self->filter_bar);

  if (compact == self->compact)
    return;

  self->compact = compact;
  g_object_ref (bar);
  g_object_ref (self->status_box);
  if (compact)
    {
      gtk_scrolled_window_set_child (self->filter_scroller, NULL);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_VERTICAL);
      gtk_popover_set_child (self->filters_popover, bar);
      gtk_box_remove (GTK_BOX (self->top_row), self->status_box);
      gtk_box_append (GTK_BOX (self->filter_row), self->status_box);
    }
  else
    {
      gtk_popover_popdown (self->filters_popover);
      gtk_popover_set_child (self->filters_popover, NULL);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_HORIZONTAL);
      gtk_scrolled_window_set_child (self->filter_scroller, bar);
      gtk_box_remove (GTK_BOX (self->filter_row), self->status_box);
      gtk_box_append (GTK_BOX (self->top_row), self->status_box);
    }
  g_object_unref (self->status_box);
  g_object_unref (bar);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_scroller), !compact);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), compact);
  if (compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
  update_compact_columns (self);
}

/* Compact when the list is narrower than the filter bar's natural width
 * (the adaptive bin's narrow func; it also turns compact whenever the
 * wide layout does not fit). The bar's scroller asks for no minimum
 * width, so the list's width does not depend on where the bar is, and the
 * choice cannot flip back and forth. */
static gboolean
should_be_compact (HubAdaptiveBin *bin,
                   int             bin_width,
                   gpointer        user_data)
{
  HubTrendingPage *self = user_data;
  int width = gtk_widget_get_width (self->list_pane);

  if (width <= 0)
    return self->compact;
  if (!self->compact)
    gtk_widget_measure (GTK_WIDGET (self->filter_bar), GTK_ORIENTATION_HORIZONTAL, -1,
                        NULL, &self->bar_natural, NULL, NULL);
  /* The filter area's padding: 12 px each side (style.css). */
  return width - 24 < self->bar_natural;
}

static void
on_narrow_changed (HubTrendingPage *self)
{
  set_compact (self, hub_adaptive_bin_get_narrow (self->adaptive_bin));
}

/* Folded: the detail pane covers the list; Enter or a click on a row opens
 * it, the back button (or Alt+Left, a swipe) returns. */
static void
show_detail (HubTrendingPage *self)
{
  if (!adw_leaflet_get_folded (self->leaflet))
    return;
  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
  gtk_widget_grab_focus (self->back_button);
}

static void
show_list_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Enter (or a double click) on a row: show that model; folded, open the
 * detail pane over the list. */
static void
on_row_activated (HubTrendingPage *self,
                  guint            position)
{
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  show_detail (self);
}

/* Folded, one click (or tap) on a row opens it: the list selects the row
 * on press; this runs after the release. */
static void
on_list_released (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  HubTrendingPage *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;

  if (!adw_leaflet_get_folded (self->leaflet) ||
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    return;

  /* Rows live in the column view's list view; the header does not. */
  picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  for (; picked != NULL && picked != view; picked = gtk_widget_get_parent (picked))
    if (GTK_IS_LIST_VIEW (picked))
      {
        show_detail (self);
        return;
      }
}

/* GObject ---------------------------------------------------------------- */

static void
hub_trending_page_dispose (GObject *object)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (object);

  hub_page_work_clear (&self->work);
  /* Removing the columns changes the sorter: no sort to restore then. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          on_sorter_changed, self);
  /* The bin's child is a template child: let the bin drop it first, or
   * both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_TRENDING_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hub_trending_page_parent_class)->dispose (object);
}

static void
hub_trending_page_finalize (GObject *object)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (object);

  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->lineage, hub_lineage_unref);
  g_free (self->db_path);

  G_OBJECT_CLASS (hub_trending_page_parent_class)->finalize (object);
}

static void
hub_trending_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_trending_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HubTrendingPage *self = HUB_TRENDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      hub_trending_page_set_dataset (self, g_value_get_boxed (value));
      break;
    case PROP_DB_PATH:
      if (g_strcmp0 (self->db_path, g_value_get_string (value)) != 0)
        {
          g_free (self->db_path);
          self->db_path = g_value_dup_string (value);
          hub_detail_pane_set_db_path (self->detail_pane, self->db_path);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_trending_page_class_init (HubTrendingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_trending_page_dispose;
  object_class->finalize = hub_trending_page_finalize;
  object_class->get_property = hub_trending_page_get_property;
  object_class->set_property = hub_trending_page_set_property;

  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HUB_TYPE_DETAIL_PANE);
  g_type_ensure (HUB_TYPE_FILTER_BAR);
  g_type_ensure (HUB_TYPE_ADAPTIVE_BIN);
  g_type_ensure (HUB_TYPE_TAB_STOP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-trending-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, adaptive_bin);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, top_row);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, filter_row);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, filter_scroller);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, filters_popover);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, families_toggle);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, HubTrendingPage, detail_pane);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_families_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "trending.clear-filters", NULL, clear_filters);
  gtk_widget_class_install_action (widget_class, "trending.show-list", NULL, show_list_activated);
  /* ("downloads", true): sort by a `hubeco list --sort` name, largest first. */
  gtk_widget_class_install_action (widget_class, "trending.sort-by", "(sb)", sort_by_activated);
  gtk_widget_class_set_css_name (widget_class, "trendingpage");
}

static void
hub_trending_page_init (HubTrendingPage *self)
{
  g_autoptr(GtkGesture) click = NULL;
  g_autofree char *sort_name = NULL;
  HubListSort sort = HUB_LIST_SORT_TRENDING;
  gboolean descending = TRUE;
  GtkSorter *view_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));
  hub_adaptive_bin_set_narrow_func (self->adaptive_bin, should_be_compact, self);
  g_signal_connect_swapped (self->adaptive_bin, "notify::narrow", G_CALLBACK (on_narrow_changed), self);

  self->shown_index = G_MAXUINT;
  self->settings = hub_settings_new ();
  if (self->settings != NULL)
    {
      sort_name = g_settings_get_string (self->settings, "trending-sort");
      if (!hub_list_sort_from_string (sort_name, &sort))
        sort = HUB_LIST_SORT_TRENDING;
      descending = g_settings_get_boolean (self->settings, "trending-sort-descending");
    }

  self->rows = hub_row_model_new ();
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  add_columns (self);
  /* The restored order is shown by the column view's sorter. */
  self->sort = sort;
  self->descending = descending;
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (on_sorter_changed), self, 0);
  set_sort (self, sort, descending);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (on_list_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (g_steal_pointer (&click)));

  g_signal_connect_swapped (self->filter_bar, "changed", G_CALLBACK (on_filters_changed), self);
  update_filters_button (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect (self->detail_pane, "open-model", G_CALLBACK (on_open_model), self);

  update_count_label (self);
}

/* Public ------------------------------------------------------------------ */

/**
 * hub_trending_page_new:
 *
 * Returns: (transfer full): a new trending page, empty until a dataset is set.
 */
GtkWidget *
hub_trending_page_new (void)
{
  return g_object_new (HUB_TYPE_TRENDING_PAGE, NULL);
}

/**
 * hub_trending_page_set_dataset:
 * @self: a trending page
 * @dataset: (nullable): the dataset to list
 *
 * Lists @dataset with the current filters; filter choices are rebuilt from
 * it, keeping the chosen ones that still exist.
 */
void
hub_trending_page_set_dataset (HubTrendingPage *self,
                               HubDataset      *dataset)
{
  g_return_if_fail (HUB_IS_TRENDING_PAGE (self));

  if (self->dataset == dataset)
    return;

  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->lineage, hub_lineage_unref);
  if (dataset != NULL)
    {
      self->dataset = hub_dataset_ref (dataset);
      update_data_columns (self);
      self->resetting = TRUE;
      hub_filter_bar_set_dataset (self->filter_bar, dataset);
      self->resetting = FALSE;
      show_model (self, G_MAXUINT);
      run_query (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/**
 * hub_trending_page_get_dataset:
 * Returns: (transfer none) (nullable): the dataset listed.
 */
HubDataset *
hub_trending_page_get_dataset (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return self->dataset;
}

/**
 * hub_trending_page_focus_search:
 * @self: a trending page
 *
 * Focuses the search entry and selects its text.
 */
void
hub_trending_page_focus_search (HubTrendingPage *self)
{
  g_return_if_fail (HUB_IS_TRENDING_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * hub_trending_page_is_busy:
 * Returns: %TRUE while a query runs.
 */
gboolean
hub_trending_page_is_busy (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), FALSE);
  return hub_page_work_is_busy (&self->work);
}

/**
 * hub_trending_page_get_rows:
 * Returns: (transfer none): the rows shown (HubModelRow items).
 */
GListModel *
hub_trending_page_get_rows (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/**
 * hub_trending_page_get_selection:
 * Returns: (transfer none): the list's selection.
 */
GtkSingleSelection *
hub_trending_page_get_selection (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return self->selection;
}

/**
 * hub_trending_page_get_search_entry:
 * Returns: (transfer none): the search entry.
 */
GtkEditable *
hub_trending_page_get_search_entry (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * hub_trending_page_get_count_label:
 * Returns: (transfer none): the "N of M models" label.
 */
GtkLabel *
hub_trending_page_get_count_label (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return self->count_label;
}

/**
 * hub_trending_page_get_detail_pane:
 * Returns: (transfer none): the detail pane.
 */
HubDetailPane *
hub_trending_page_get_detail_pane (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return self->detail_pane;
}

/**
 * hub_trending_page_get_column_view:
 * Returns: (transfer none): the column view.
 */
GtkColumnView *
hub_trending_page_get_column_view (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return self->column_view;
}

/**
 * hub_trending_page_set_sort:
 * @self: a trending page
 * @sort: the order
 * @descending: %TRUE for the largest (or Z) first
 *
 * Sorts the list as a click on a column header would: the header shows the
 * arrow, and the list is queried again (the order is saved in GSettings).
 */
void
hub_trending_page_set_sort (HubTrendingPage *self,
                            HubListSort      sort,
                            gboolean         descending)
{
  g_return_if_fail (HUB_IS_TRENDING_PAGE (self));
  g_return_if_fail (sort < HUB_N_LIST_SORTS);

  if (sort == self->sort && !descending == !self->descending)
    return;
  set_sort (self, sort, descending);
}

/**
 * hub_trending_page_get_filter_bar:
 * Returns: (transfer none): the filters (inline or in the popover).
 */
HubFilterBar *
hub_trending_page_get_filter_bar (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return self->filter_bar;
}

/**
 * hub_trending_page_get_compact:
 * Returns: %TRUE when the filters sit in the "Filters" popover (narrow).
 */
gboolean
hub_trending_page_get_compact (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), FALSE);
  return self->compact;
}

/**
 * hub_trending_page_get_leaflet:
 * Returns: (transfer none): the leaflet holding the list and the detail pane.
 */
AdwLeaflet *
hub_trending_page_get_leaflet (HubTrendingPage *self)
{
  g_return_val_if_fail (HUB_IS_TRENDING_PAGE (self), NULL);
  return self->leaflet;
}
