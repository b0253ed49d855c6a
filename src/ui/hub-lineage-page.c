/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-lineage-page.h"

#include <glib/gi18n.h>

#include "hub-accessible.h"
#include "hub-adaptive-bin.h"
#include "hub-chart-style.h"
#include "hub-chart-frame.h"
#include "hub-chart-view.h"
#include "hub-dataset-boxed.h"
#include "hub-display.h"
#include "hub-export-dialog.h"
#include "hub-family-chart.h"
#include "hub-lineage-node.h"
#include "hub-compare.h"
#include "hub-model-suggest.h"
#include "hub-page-work.h"
#include "hub-refresh-bar.h"
#include "hub-sync.h"
#include "hub-tab-stop.h"

/* Rows of the "top derivatives" and "top intermediaries" lists. */
#define N_TOP 5
/* Suggestions under the search entry. */
#define N_SUGGESTIONS 12
/* Below this width the tree and the family summary take turns (a switcher
 * above them), the tree keeps the model and its share of the family
 * (the figures are in the family summary) and the header's buttons
 * move into the menu. Above it both panes have these widths at least. */
#define NARROW_WIDTH       900
#define TREE_PANE_WIDTH    400
#define SUMMARY_PANE_WIDTH 380

typedef enum {
  COL_MODEL,
  COL_RELATION,
  COL_SHARE,
  COL_DOWNLOADS,
  COL_LIKES,
  COL_AUTHOR,
  COL_PARAMETERS,
  COL_MODELS,
  N_COLUMNS
} Column;

static const struct {
  const char *title;
  gboolean    numeric;
  int         width;
  int         narrow_width;  /* 0: hidden when narrow */
} column_info[N_COLUMNS] = {
  [COL_MODEL]      = { N_("Model"),            FALSE, 280, 200 },
  [COL_RELATION]   = { N_("Relation"),         FALSE, 110,   0 },
  [COL_DOWNLOADS]  = { N_("Downloads (30 d)"), TRUE,  130,   0 },
  [COL_LIKES]      = { N_("Likes"),            TRUE,   70,   0 },
  [COL_AUTHOR]     = { N_("Author"),           FALSE, 130,   0 },
  [COL_PARAMETERS] = { N_("Parameters"),       TRUE,   95,   0 },
  [COL_MODELS]     = { N_("Subtree"),          TRUE,   80,   0 },
  /* The model and its derivatives (issue 19: "Share of family" beside the
   * model's own downloads read as the model's share). */
  [COL_SHARE]      = { N_("Branch share"),     FALSE, 140, 140 },
};

/* The order relations are listed in, as the core groups children. */
static const HubRelation relation_order[] = {
  HUB_RELATION_NONE,
  HUB_RELATION_FINETUNE,
  HUB_RELATION_ADAPTER,
  HUB_RELATION_QUANTIZED,
  HUB_RELATION_MERGE,
  HUB_RELATION_UNKNOWN,
};

/* What a centring computes on the worker thread. */
typedef struct {
  HubDataset         *dataset;
  HubLineage         *lineage;         /* in: the graph if built; out: the graph */
  gint32              want;            /* -1: the root of the largest family */
  guint               serial;
  gboolean            record;          /* push the previous centre on the history */
  gint64              started;
  gint64              worked;          /* when the worker finished */

  guint32             centre;
  guint32             root;
  HubLineageTotals    family;
  HubLineageTotals    subtree;
  GListModel         *top_level;       /* HubLineageTreeNode */
  GArray             *derivatives;     /* guint32, most downloaded first */
  GArray             *intermediaries;  /* HubLineageIntermediary */
  HubFamilyChartData *chart;
} CentreJob;

static void
centre_job_free (CentreJob *job)
{
  g_clear_pointer (&job->dataset, hub_dataset_unref);
  g_clear_pointer (&job->lineage, hub_lineage_unref);
  g_clear_object (&job->top_level);
  g_clear_pointer (&job->derivatives, g_array_unref);
  g_clear_pointer (&job->intermediaries, g_array_unref);
  g_clear_pointer (&job->chart, hub_family_chart_data_free);
  g_free (job);
}

struct _HubLineagePage
{
  AdwBin              parent_instance;

  HubDataset         *dataset;
  char               *db_path;
  HubLineage         *lineage;
  gint32              centre;
  guint32             root;
  HubLineageTotals    family;
  HubLineageTotals    subtree;
  GArray             *back;            /* guint32 model indices */
  GArray             *forward;

  HubPageWork         work;        /* the centring */
  gboolean            setting_text;    /* the entry shows the centre: no suggestions */
  HubRefreshBar      *refresh_bar;     /* the window's, while rooted */

  GtkTreeListModel   *tree_model;
  GtkSingleSelection *selection;
  GtkListStore       *suggestions;
  HubChartView       *chart_view;
  GtkWidget          *chart_caption;

  HubAdaptiveBin     *adaptive_bin;
  GtkEntry           *search_entry;
  GtkWidget          *open_button;
  GtkWidget          *menu_button;
  GtkWidget          *pane_switcher;
  GtkToggleButton    *tree_toggle;
  GtkToggleButton    *summary_toggle;
  GtkWidget          *tree_pane;
  GtkWidget          *summary_pane;
  GtkWidget          *figures_box;
  GtkWidget          *refresh_button;
  GtkWidget          *refresh_label;
  GtkSpinner         *spinner;
  GtkLabel           *message_label;
  GtkBox             *ancestor_box;
  GtkStack           *content_stack;
  AdwStatusPage      *empty_page;
  GtkLabel           *tree_label;
  GtkStack           *tree_stack;
  GtkColumnView      *column_view;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *family_downloads_label;
  GtkLabel           *family_models_label;
  GtkLabel           *root_share_label;
  GtkBox             *chart_box;
  GtkListBox         *relation_list;
  GtkListBox         *derivative_list;
  GtkListBox         *intermediary_list;
};

G_DEFINE_FINAL_TYPE (HubLineagePage, hub_lineage_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void centre_on (HubLineagePage *self,
                       gint32          model,
                       gboolean        record);
static void set_tree_roots (HubLineagePage *self,
                            GListModel     *roots);

/* Helpers ----------------------------------------------------------------- */

static void
style_for_widget (GtkWidget     *widget,
                  HubChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  HubChartColor fg, accent;
  GdkRGBA rgba;

  hub_chart_view_style_for_screen (style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_style_context_get_color (context, &rgba);
  fg = (HubChartColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  accent = style->accent;
  if (gtk_style_context_lookup_color (context, "accent_color", &rgba))
    accent = (HubChartColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  hub_chart_style_set_colors (style, &fg, &accent);
}

static double
family_share (HubLineagePage         *self,
              const HubLineageTotals *totals)
{
  if (self->family.all.downloads > 0)
    return (double) MAX (totals->all.downloads, 0) / self->family.all.downloads;
  if (self->family.all.n_models > 0)
    return (double) totals->all.n_models / self->family.all.n_models;
  return 0.0;
}

/* A dot in the colour of a relation, the same as in the family chart. */
static void
draw_relation_dot (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  HubRelation relation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "hub-relation"));
  HubChartStyle style;
  const HubChartColor *color;

  style_for_widget (GTK_WIDGET (area), &style);
  color = hub_chart_style_relation_color (&style, relation);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
relation_dot_new (HubRelation relation)
{
  GtkWidget *dot = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (dot), "hub-relation", GUINT_TO_POINTER (relation));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_relation_dot, NULL, NULL);
  /* Recoloured live when the chart palette or dark mode changes, as the
   * family chart beside it. */
  hub_chart_view_watch_style (dot);
  return dot;
}

static void
set_relation_dot (GtkWidget   *dot,
                  HubRelation  relation)
{
  g_object_set_data (G_OBJECT (dot), "hub-relation", GUINT_TO_POINTER (relation));
  gtk_widget_queue_draw (dot);
}

static GtkWidget *
share_bar_new (void)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);

  /* One colour for every share: the default offsets would turn small
   * shares red. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 60, -1);
  return bar;
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

/* Worker ------------------------------------------------------------------ */

static void
top_derivatives (HubLineage *lineage,
                 guint       root,
                 GArray     *out)
{
  HubDataset *dataset = hub_lineage_get_dataset (lineage);
  g_autoptr(GArray) nodes = hub_lineage_descendants (lineage, root, 0, NULL);

  /* Keep the N_TOP most downloaded, each model once. */
  for (guint i = 0; i < nodes->len; i++)
    {
      const HubLineageNode *node = &g_array_index (nodes, HubLineageNode, i);
      gint64 downloads = hub_dataset_get_model (dataset, node->model)->downloads;
      guint at;

      if (node->model == root || (node->marks & (HUB_LINEAGE_MARK_SEEN | HUB_LINEAGE_MARK_CYCLE)))
        continue;
      for (at = out->len; at > 0; at--)
        {
          guint32 other = g_array_index (out, guint32, at - 1);

          if (hub_dataset_get_model (dataset, other)->downloads >= downloads)
            break;
        }
      if (at < N_TOP)
        {
          g_array_insert_val (out, at, node->model);
          if (out->len > N_TOP)
            g_array_set_size (out, N_TOP);
        }
    }
}

/**
 * hub_lineage_page_largest_family:
 * @families: (nullable) (element-type HubLineageFamily): families as
 *   hub_lineage_rank_families() ranks them (most downloads first)
 *
 * The family the page opens on: the one with the most models, the most
 * downloaded among equals, so the tree shows the widest spread of
 * re-uploads.
 *
 * Returns: its root, -1 when @families is %NULL or empty
 */
gint32
hub_lineage_page_largest_family (GArray *families)
{
  const HubLineageFamily *best = NULL;

  for (guint i = 0; families != NULL && i < families->len; i++)
    {
      const HubLineageFamily *f = &g_array_index (families, HubLineageFamily, i);

      /* Ranked by downloads: the first of equal size is the most downloaded. */
      if (best == NULL || f->all.n_models > best->all.n_models)
        best = f;
    }
  return best != NULL ? (gint32) best->root : -1;
}

static void
centre_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CentreJob *job = task_data;
  guint32 path[1];

  if (job->lineage == NULL)
    job->lineage = hub_lineage_new (job->dataset);

  if (job->want < 0)
    {
      g_autoptr(GArray) families = hub_lineage_rank_families (job->lineage, NULL, 1, 0, cancellable);
      gint32 largest = hub_lineage_page_largest_family (families);

      if (largest < 0)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No model");
          return;
        }
      job->want = largest;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  job->centre = job->want;
  job->root = hub_lineage_get_root (job->lineage, job->centre);
  hub_lineage_subtree_totals (job->lineage, job->root, &job->family);
  hub_lineage_subtree_totals (job->lineage, job->centre, &job->subtree);
  job->top_level = hub_lineage_tree_node_list_children (job->lineage, job->centre, path, 0);

  job->derivatives = g_array_new (FALSE, FALSE, sizeof (guint32));
  top_derivatives (job->lineage, job->root, job->derivatives);

  job->intermediaries = hub_lineage_rank_intermediaries (job->lineage, job->root, HUB_N_RELATIONS);
  if (job->intermediaries->len > N_TOP)
    g_array_set_size (job->intermediaries, N_TOP);

  if (g_task_return_error_if_cancelled (task))
    return;

  job->chart = hub_family_chart_data_new (job->lineage, job->centre, 0);
  job->worked = g_get_monotonic_time ();
  g_task_return_boolean (task, TRUE);
}

/* Showing a centre --------------------------------------------------------- */

static void
update_actions (HubLineagePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lineage.back", self->back->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lineage.forward", self->forward->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lineage.open-hub", self->centre >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lineage.compare", self->centre >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lineage.compare-family", self->centre >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lineage.export-chart", self->centre >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lineage.refresh-children",
                                 self->centre >= 0 && self->dataset != NULL && self->refresh_bar != NULL &&
                                 !hub_refresh_bar_get_running (self->refresh_bar) &&
                                 hub_model_id_is_valid (hub_dataset_get_model (self->dataset, self->centre)->id));
}

static void
set_entry_text (HubLineagePage *self,
                const char     *text)
{
  self->setting_text = TRUE;
  gtk_list_store_clear (self->suggestions);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  self->setting_text = FALSE;
}

static void
show_message (HubLineagePage *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
on_pill_clicked (GtkButton      *button,
                 HubLineagePage *self)
{
  guint model = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hub-model-index"));

  centre_on (self, model, TRUE);
}

static GtkWidget *
pill_new (HubLineagePage *self,
          guint           model,
          HubRelation     relation,
          gboolean        current)
{
  const HubModelRecord *record = hub_dataset_get_model (self->dataset, model);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (record->id);
  g_autofree char *tooltip = NULL;

  gtk_box_append (GTK_BOX (box), relation_dot_new (relation));
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "ancestor-pill");
  if (current)
    gtk_widget_add_css_class (button, "suggested-action");
  else
    gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: tooltip of an ancestor pill: "Show meta-llama/Llama-3 (Fine-tune)" */
  tooltip = g_strdup_printf (_("Show %s (%s)"), record->id, hub_display_relation (relation));
  gtk_widget_set_tooltip_text (button, tooltip);
  /* Its child is a box: named by what the tooltip says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "hub-model-index", GUINT_TO_POINTER (model));
  g_signal_connect (button, "clicked", G_CALLBACK (on_pill_clicked), self);
  return button;
}

static GtkWidget *
arrow_new (void)
{
  GtkWidget *arrow = hub_accessible_icon_new ("go-next-symbolic");

  gtk_widget_add_css_class (arrow, "dim-label");
  return arrow;
}

/* The first-parent chain from the root down to the centre, then the other
 * roots the centre descends from (merges) after "also from". */
static void
fill_ancestors (HubLineagePage *self)
{
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) ancestors = NULL;
  g_autoptr(GHashTable) on_chain = g_hash_table_new (NULL, NULL);
  GtkWidget *child;
  gboolean other_roots = FALSE;
  gint32 model = self->centre;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ancestor_box))) != NULL)
    gtk_box_remove (self->ancestor_box, child);

  /* Walk up first parents; a cycle stops at the first model seen twice. */
  while (model >= 0 && !g_hash_table_contains (on_chain, GINT_TO_POINTER (model + 1)))
    {
      g_hash_table_add (on_chain, GINT_TO_POINTER (model + 1));
      g_array_prepend_val (chain, model);
      model = hub_dataset_get_model (self->dataset, model)->first_parent;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      guint32 m = g_array_index (chain, guint32, i);

      if (i > 0)
        gtk_box_append (self->ancestor_box, arrow_new ());
      gtk_box_append (self->ancestor_box,
                      pill_new (self, m, i == 0 ? HUB_RELATION_NONE : hub_dataset_get_model (self->dataset, m)->relation,
                                (gint32) m == self->centre));
    }

  ancestors = hub_lineage_ancestors (self->lineage, self->centre, 0);
  for (guint i = 0; i < ancestors->len; i++)
    {
      const HubLineageAncestor *a = &g_array_index (ancestors, HubLineageAncestor, i);

      if (a->model < 0 || !(a->marks & HUB_LINEAGE_MARK_ROOT) ||
          g_hash_table_contains (on_chain, GINT_TO_POINTER (a->model + 1)))
        continue;
      if (!other_roots)
        {
          GtkWidget *label = gtk_label_new (_("also from"));

          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_margin_start (label, 12);
          gtk_box_append (self->ancestor_box, label);
          other_roots = TRUE;
        }
      g_hash_table_add (on_chain, GINT_TO_POINTER (a->model + 1));
      gtk_box_append (self->ancestor_box, pill_new (self, a->model, HUB_RELATION_NONE, FALSE));
    }
}

static GtkWidget *
summary_row_new (const char  *title,
                 const char  *subtitle,
                 const char  *value,
                 double       share,
                 GtkWidget   *prefix)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  if (prefix != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
  if (share >= 0)
    {
      GtkWidget *bar = share_bar_new ();
      g_autofree char *ratio = hub_display_ratio (share);
      /* Translators: what a share bar says to a screen reader: "12.3% of the family’s downloads" */
      g_autofree char *value_text = g_strdup_printf (_("%s of the family’s downloads"), ratio);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (share, 0.0, 1.0));
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Share of the family’s downloads"),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value_text, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_width_chars (GTK_LABEL (label), 13);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static char *
downloads_and_share (gint64 downloads,
                     double share)
{
  g_autofree char *count = hub_display_count (downloads);
  g_autofree char *ratio = hub_display_ratio (share);

  return g_strdup_printf ("%s · %s", count, ratio);
}

static void
fill_summary (HubLineagePage *self,
              CentreJob      *job)
{
  const HubModelRecord *centre = hub_dataset_get_model (self->dataset, self->centre);
  const HubModelRecord *root = hub_dataset_get_model (self->dataset, self->root);
  g_autofree char *family_downloads = hub_display_count (self->family.all.downloads);
  g_autofree char *family_models = hub_display_count (self->family.all.n_models);
  g_autofree char *root_share = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  gtk_label_set_text (self->title_label, centre->id);
  if ((guint32) self->centre == self->root)
    /* Translators: "Root of a family of 1,204 models" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Root of a family of %s model",
                                             "Root of a family of %s models", self->family.all.n_models),
                                family_models);
  else
    {
      g_autofree char *n = hub_display_count (self->subtree.all.n_models);
      g_autofree char *share = hub_display_ratio (family_share (self, &self->subtree));

      /* Translators: "In the family of Qwen/Qwen3-8B · this model and its derivatives: 12 models, 3.4% of its downloads" */
      subtitle = g_strdup_printf (_("In the family of %s · this model and its derivatives: %s models, %s of its downloads"),
                                  root->id, n, share);
    }
  gtk_label_set_text (self->subtitle_label, subtitle);

  gtk_label_set_text (self->family_downloads_label, family_downloads);
  gtk_label_set_text (self->family_models_label, family_models);
  root_share = hub_display_ratio (self->family.all.downloads > 0
                                  ? (double) MAX (root->downloads, 0) / self->family.all.downloads : -1.0);
  gtk_label_set_text (self->root_share_label, root_share);

  clear_list_box (self->relation_list);
  for (guint i = 0; i < G_N_ELEMENTS (relation_order); i++)
    {
      HubRelation r = relation_order[i];
      const HubLineageSum *sum = &self->family.by_relation[r];
      g_autofree char *value = NULL;
      g_autofree char *models = NULL;
      g_autofree char *n = NULL;
      double share;

      if (sum->n_models == 0)
        continue;
      share = self->family.all.downloads > 0 ? (double) sum->downloads / self->family.all.downloads : 0.0;
      value = downloads_and_share (sum->downloads, share);
      n = hub_display_count (sum->n_models);
      models = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s model", "%s models", sum->n_models), n);
      gtk_list_box_append (self->relation_list,
                           summary_row_new (r == HUB_RELATION_NONE ? _("Base models") : hub_display_relation_plural (r),
                                            models, value, share, relation_dot_new (r)));
    }

  clear_list_box (self->derivative_list);
  for (guint i = 0; i < job->derivatives->len; i++)
    {
      guint32 m = g_array_index (job->derivatives, guint32, i);
      const HubModelRecord *record = hub_dataset_get_model (self->dataset, m);
      const HubAuthorInfo *author = hub_dataset_get_author (self->dataset, record->author);
      g_autofree char *value = downloads_and_share (record->downloads,
                                                    self->family.all.downloads > 0
                                                    ? (double) MAX (record->downloads, 0) / self->family.all.downloads : 0.0);
      g_autofree char *subtitle_text = g_strdup_printf ("%s · %s", hub_display_relation (record->relation), author->author);
      GtkWidget *row = summary_row_new (record->id, subtitle_text, value, -1, relation_dot_new (record->relation));

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show this model’s lineage"));
      g_object_set_data (G_OBJECT (row), "hub-model-index", GUINT_TO_POINTER (m));
      gtk_list_box_append (self->derivative_list, row);
    }
  if (job->derivatives->len == 0)
    gtk_list_box_append (self->derivative_list, summary_row_new (_("None in the data"), NULL, "", -1, NULL));

  clear_list_box (self->intermediary_list);
  for (guint i = 0; i < job->intermediaries->len; i++)
    {
      const HubLineageIntermediary *it = &g_array_index (job->intermediaries, HubLineageIntermediary, i);
      const HubAuthorInfo *author = hub_dataset_get_author (self->dataset, it->author);
      g_autoptr(GString) parts = g_string_new (NULL);
      g_autofree char *value = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (relation_order); k++)
        {
          HubRelation r = relation_order[k];
          g_autofree char *n = NULL;
          g_autofree char *noun = NULL;

          if (it->derivatives.by_relation[r].n_models == 0 || r == HUB_RELATION_NONE)
            continue;
          n = hub_display_count (it->derivatives.by_relation[r].n_models);
          noun = g_utf8_strdown (it->derivatives.by_relation[r].n_models == 1
                                 ? hub_display_relation (r) : hub_display_relation_plural (r), -1);
          g_string_append_printf (parts, "%s%s %s", parts->len > 0 ? ", " : "", n, noun);
        }
      value = downloads_and_share (it->derivatives.all.downloads,
                                   self->family.all.downloads > 0
                                   ? (double) it->derivatives.all.downloads / self->family.all.downloads : 0.0);
      gtk_list_box_append (self->intermediary_list,
                           summary_row_new (author->display_name != NULL ? author->display_name : author->author,
                                            parts->str, value, -1, NULL));
    }
  if (job->intermediaries->len == 0)
    gtk_list_box_append (self->intermediary_list, summary_row_new (_("None in the data"), NULL, "", -1, NULL));

  /* The chart. */
  {
    g_autofree char *caption = hub_family_chart_caption (job->chart);
    g_autofree char *title = hub_family_chart_title (job->chart);
    g_autofree char *n = hub_display_count (self->subtree.all.n_models);
    g_autofree char *d = hub_display_count (self->subtree.all.downloads);

    gtk_label_set_text (GTK_LABEL (self->chart_caption), caption);
    /* Translators: chart description for screen readers */
    description = g_strdup_printf (_("%s: an icicle chart of %s models with %s downloads in 30 days; the family’s root holds %s of the family’s downloads."),
                                   title, n, d, root_share);
    hub_chart_view_set_description (self->chart_view, title, description);
    hub_chart_view_set_renderer (self->chart_view, hub_family_chart_draw_func, g_steal_pointer (&job->chart),
                                 (GDestroyNotify) hub_family_chart_data_free);
  }
}

static void
centre_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (object);
  CentreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *tree_text = NULL;
  g_autofree char *direct = NULL;
  g_autofree char *all = NULL;
  guint n_top;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (hub_page_work_finish (&self->work, job->serial))
        gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  /* A newer centring started, or the dataset changed: drop this one. */
  if (job->dataset != self->dataset || !hub_page_work_finish (&self->work, job->serial))
    return;

  if (self->lineage == NULL)
    self->lineage = hub_lineage_ref (job->lineage);

  if (job->record && self->centre >= 0 && (guint32) self->centre != job->centre)
    {
      guint32 previous = self->centre;

      g_array_append_val (self->back, previous);
      g_array_set_size (self->forward, 0);
    }

  self->centre = job->centre;
  self->root = job->root;
  self->family = job->family;
  self->subtree = job->subtree;

  /* A new tree rather than a splice into the old one: GTK 4.8 takes
   * hundreds of ms to diff 700 rows out and in, a new model is one reset. */
  n_top = g_list_model_get_n_items (job->top_level);
  set_tree_roots (self, g_steal_pointer (&job->top_level));

  direct = hub_display_count (n_top);
  all = hub_display_count (self->subtree.all.n_models > 0 ? self->subtree.all.n_models - 1 : 0);
  /* Translators: "Derivatives: 24 direct, 1,204 in all" */
  tree_text = g_strdup_printf (_("Derivatives: %s direct, %s in all"), direct, all);
  gtk_label_set_text (self->tree_label, tree_text);
  gtk_stack_set_visible_child_name (self->tree_stack, n_top > 0 ? "tree" : "none");

  set_entry_text (self, hub_dataset_get_model (self->dataset, self->centre)->id);
  show_message (self, NULL);
  fill_ancestors (self);
  fill_summary (self, job);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->content_stack, "main");
  g_debug ("Centre %u (%s): %u rows at the top, family of %" G_GUINT64_FORMAT " models, %.1f ms on the worker, %.1f ms in all",
           job->centre, hub_dataset_get_model (self->dataset, job->centre)->id, n_top,
           self->family.all.n_models, (job->worked - job->started) / 1000.0, (g_get_monotonic_time () - job->started) / 1000.0);
}

/* Starts centring on @model (-1: the largest family) on the worker. */
static void
centre_on (HubLineagePage *self,
           gint32          model,
           gboolean        record)
{
  g_autoptr(GTask) task = NULL;
  CentreJob *job;

  if (self->dataset == NULL)
    return;

  job = g_new0 (CentreJob, 1);
  job->dataset = hub_dataset_ref (self->dataset);
  job->lineage = self->lineage != NULL ? hub_lineage_ref (self->lineage) : NULL;
  job->want = model;
  job->record = record;
  job->serial = hub_page_work_begin (&self->work);
  job->started = g_get_monotonic_time ();

  task = g_task_new (self, self->work.cancellable, centre_done, NULL);
  g_task_set_source_tag (task, centre_on);
  g_task_set_task_data (task, job, (GDestroyNotify) centre_job_free);
  g_task_run_in_thread (task, centre_thread);
}

/* Tree cells --------------------------------------------------------------- */

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), column == COL_MODEL ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), column_info[column].numeric ? 1.0 : 0.0);
  if (column_info[column].numeric)
    gtk_widget_add_css_class (label, "numeric");

  switch (column)
    {
    case COL_MODEL:
      {
        GtkWidget *expander = gtk_tree_expander_new ();

        gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
        gtk_list_item_set_child (item, expander);
      }
      break;
    case COL_RELATION:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

        gtk_box_append (GTK_BOX (box), relation_dot_new (HUB_RELATION_UNKNOWN));
        gtk_box_append (GTK_BOX (box), label);
        gtk_list_item_set_child (item, box);
      }
      break;
    case COL_SHARE:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

        gtk_box_append (GTK_BOX (box), share_bar_new ());
        gtk_label_set_xalign (GTK_LABEL (label), 1.0);
        gtk_label_set_width_chars (GTK_LABEL (label), 6);
        gtk_widget_add_css_class (label, "numeric");
        gtk_box_append (GTK_BOX (box), label);
        gtk_widget_set_hexpand (gtk_widget_get_first_child (box), TRUE);
        gtk_list_item_set_child (item, box);
      }
      break;
    default:
      gtk_list_item_set_child (item, label);
    }
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  HubLineagePage *self = g_object_get_data (G_OBJECT (factory), "hub-page");
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(HubLineageTreeNode) node = gtk_tree_list_row_get_item (row);
  const HubLineageChild *child = hub_lineage_tree_node_get_child (node);
  const HubModelRecord *record = hub_lineage_tree_node_get_record (node);
  HubDataset *dataset = hub_lineage_get_dataset (hub_lineage_tree_node_get_lineage (node));
  GtkWidget *widget = gtk_list_item_get_child (item);
  GtkLabel *label;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_MODEL:
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (widget), row);
      label = GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (widget)));
      if (child->marks & HUB_LINEAGE_MARK_CYCLE)
        /* Translators: a tree row whose edge leads back up the tree */
        text = g_strdup_printf (_("%s (cycle)"), record->id);
      else
        text = g_strdup (record->id);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), record->id);
      break;
    case COL_RELATION:
      set_relation_dot (gtk_widget_get_first_child (widget), child->relation);
      label = GTK_LABEL (gtk_widget_get_last_child (widget));
      text = g_strdup (hub_display_relation (child->relation));
      break;
    case COL_DOWNLOADS:
      label = GTK_LABEL (widget);
      text = hub_display_count (record->downloads);
      break;
    case COL_LIKES:
      label = GTK_LABEL (widget);
      text = hub_display_count (record->likes);
      break;
    case COL_AUTHOR:
      label = GTK_LABEL (widget);
      text = g_strdup (hub_dataset_get_author (dataset, record->author)->author);
      break;
    case COL_PARAMETERS:
      label = GTK_LABEL (widget);
      text = hub_display_parameters (record->parameters);
      break;
    case COL_MODELS:
      label = GTK_LABEL (widget);
      text = hub_display_count (child->subtree.all.n_models);
      break;
    case COL_SHARE:
      {
        double share = family_share (self, &child->subtree);
        g_autofree char *downloads = hub_display_count (child->subtree.all.downloads);
        g_autofree char *tooltip = NULL;

        gtk_level_bar_set_value (GTK_LEVEL_BAR (gtk_widget_get_first_child (widget)), CLAMP (share, 0.0, 1.0));
        label = GTK_LABEL (gtk_widget_get_last_child (widget));
        text = hub_display_ratio (share);
        /* Translators: "1.2M downloads in 30 days for this model and its derivatives: 12.3% of the family" */
        tooltip = g_strdup_printf (_("%s downloads in 30 days for this model and its derivatives: %s of the family"),
                                   downloads, text);
        gtk_widget_set_tooltip_text (widget, tooltip);
        /* What the bar measures, for a screen reader. */
        gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (widget)),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Branch share"),
                                        GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, tooltip, -1);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (label, text != NULL ? text : HUB_DISPLAY_UNKNOWN);
  if (text == NULL || g_str_equal (text, HUB_DISPLAY_UNKNOWN))
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
add_columns (HubLineagePage *self)
{
  for (Column c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "hub-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(column_info[c].title), g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_info[c].width);
      gtk_column_view_column_set_expand (column, c == COL_MODEL);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  return hub_lineage_tree_node_expand (HUB_LINEAGE_TREE_NODE (item));
}

/* Shows @roots (transfer full) as the top level of a new tree. */
static void
set_tree_roots (HubLineagePage *self,
                GListModel     *roots)
{
  g_clear_object (&self->tree_model);
  self->tree_model = gtk_tree_list_model_new (roots, FALSE, FALSE, create_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));
}

/* Search ------------------------------------------------------------------- */

/* Fills the completion with the ids that start with the text (whole id or
 * the name after the owner), then those that contain it, most downloaded
 * first: one pass over the ids, so 16,000 ids cost well under a
 * millisecond. */
static void
on_search_changed (HubLineagePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GArray) prefix = NULL;

  if (self->setting_text)
    return;
  gtk_list_store_clear (self->suggestions);
  if (self->dataset == NULL || strlen (text) < 2)
    return;
  prefix = hub_model_complete (self->dataset, text, N_SUGGESTIONS);
  for (guint i = 0; i < prefix->len; i++)
    gtk_list_store_insert_with_values (self->suggestions, NULL, -1,
                                       0, hub_dataset_get_model (self->dataset, g_array_index (prefix, guint32, i))->id,
                                       -1);
}

static gboolean
match_all (GtkEntryCompletion *completion,
           const char         *key,
           GtkTreeIter        *iter,
           gpointer            user_data)
{
  /* The store holds the matches already. */
  return TRUE;
}

static gboolean
on_match_selected (GtkEntryCompletion *completion,
                   GtkTreeModel       *model,
                   GtkTreeIter        *iter,
                   HubLineagePage     *self)
{
  g_autofree char *id = NULL;

  gtk_tree_model_get (model, iter, 0, &id, -1);
  hub_lineage_page_show_model (self, id);
  return TRUE;
}

static void
on_search_activate (HubLineagePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  GtkTreeIter iter;

  if (self->dataset == NULL || *text == '\0')
    return;
  if (hub_dataset_find_model (self->dataset, text) < 0 &&
      gtk_tree_model_get_iter_first (GTK_TREE_MODEL (self->suggestions), &iter))
    {
      g_autofree char *id = NULL;

      gtk_tree_model_get (GTK_TREE_MODEL (self->suggestions), &iter, 0, &id, -1);
      hub_lineage_page_show_model (self, id);
      return;
    }
  hub_lineage_page_show_model (self, text);
}

/* Signals and actions -------------------------------------------------------- */

static void
on_row_activate (HubLineagePage *self,
                 guint           position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(HubLineageTreeNode) node = NULL;

  if (row == NULL)
    return;
  node = gtk_tree_list_row_get_item (row);
  centre_on (self, hub_lineage_tree_node_get_model (node), TRUE);
}

static void
on_derivative_activated (HubLineagePage *self,
                         GtkListBoxRow  *row)
{
  gpointer data = g_object_get_data (G_OBJECT (row), "hub-model-index");

  if (gtk_list_box_row_get_activatable (row))
    centre_on (self, GPOINTER_TO_UINT (data), TRUE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  hub_lineage_page_go_back (HUB_LINEAGE_PAGE (widget));
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  hub_lineage_page_go_forward (HUB_LINEAGE_PAGE (widget));
}

/* "lineage.compare" and "lineage.compare-family": the model shown (or its
 * family) into the Compare view. */
static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (widget);
  const char *id;
  g_autofree char *subject = NULL;

  if (self->dataset == NULL || self->centre < 0)
    return;
  id = hub_dataset_get_model (self->dataset, self->centre)->id;
  subject = g_str_equal (action_name, "lineage.compare-family") ? g_strconcat (HUB_COMPARE_FAMILY_PREFIX, id, NULL) : g_strdup (id);
  gtk_widget_activate_action (widget, "win.compare-model", "s", subject);
}

static void
open_hub_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (widget);
  const char *endpoint = g_getenv ("HF_ENDPOINT");
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  if (self->dataset == NULL || self->centre < 0)
    return;
  base = g_strdup (endpoint != NULL && *endpoint != '\0' ? endpoint : "https://huggingface.co");
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  uri = g_strconcat (base, "/", hub_dataset_get_model (self->dataset, self->centre)->id, NULL);
  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/**
 * hub_lineage_page_export_chart:
 * @self: a lineage page
 *
 * Opens the shared "Export Chart" dialog on the family chart shown
 * (Ctrl+E).
 * Returns: (transfer none) (nullable): the dialog, NULL when no model is shown
 */
GtkWindow *
hub_lineage_page_export_chart (HubLineagePage *self)
{
  HubFamilyChartData *data;
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;

  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);

  if (self->lineage == NULL || self->centre < 0)
    return NULL;
  /* The dialog owns its data: build the tree again (a few ms for the
   * largest synthetic family). */
  data = hub_family_chart_data_new (self->lineage, self->centre, 0);
  title = hub_family_chart_title (data);
  caption = hub_family_chart_caption (data);
  return hub_export_dialog_present (GTK_WIDGET (self), "lineage", title, caption,
                                    hub_family_chart_draw_func, data,
                                    (GDestroyNotify) hub_family_chart_data_free);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hub_lineage_page_export_chart (HUB_LINEAGE_PAGE (widget));
}

/* Refresh children from the Hub -------------------------------------------- */

/* The window's refresh bar: it runs the sync on a worker thread, shows its
 * progress with a Cancel button, says in a toast how it went and reloads
 * the window's dataset, which brings the page back to its centre. */
static HubRefreshBar *
find_refresh_bar (GtkWidget *widget)
{
  if (HUB_IS_REFRESH_BAR (widget))
    return HUB_REFRESH_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HubRefreshBar *bar;

      /* Not into the pages: the bar sits beside the view stack. */
      if (ADW_IS_VIEW_STACK (child))
        continue;
      if ((bar = find_refresh_bar (child)) != NULL)
        return bar;
    }
  return NULL;
}

/**
 * hub_lineage_page_refresh_children:
 * @self: a lineage page in a #HubWindow
 *
 * Fetches the direct children of the model shown from the Hub
 * (`filter=base_model:<id>`, the sync scope "children:<id>") with the
 * window's refresh bar, as one snapshot of their own series; when they are
 * stored the window reloads its data and the page shows the model again
 * with its new children. Failures (offline, rate limit, server errors, bad
 * pages) are said in a toast and change nothing stored.
 *
 * Returns: %TRUE when the refresh started
 */
gboolean
hub_lineage_page_refresh_children (HubLineagePage *self)
{
  g_autofree char *scope = NULL;

  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), FALSE);

  if (self->refresh_bar == NULL || self->dataset == NULL || self->centre < 0)
    return FALSE;
  scope = hub_sync_children_scope (hub_dataset_get_model (self->dataset, self->centre)->id);
  if (scope == NULL)
    return FALSE;
  return hub_refresh_bar_start (self->refresh_bar, scope, 0);
}

static void
refresh_children_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  hub_lineage_page_refresh_children (HUB_LINEAGE_PAGE (widget));
}

static void
hub_lineage_page_root (GtkWidget *widget)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (widget);

  GTK_WIDGET_CLASS (hub_lineage_page_parent_class)->root (widget);

  self->refresh_bar = find_refresh_bar (GTK_WIDGET (gtk_widget_get_root (widget)));
  if (self->refresh_bar != NULL)
    g_signal_connect_object (self->refresh_bar, "notify::running", G_CALLBACK (update_actions), self,
                             G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
hub_lineage_page_unroot (GtkWidget *widget)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (widget);

  if (self->refresh_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->refresh_bar, self);
  self->refresh_bar = NULL;
  update_actions (self);

  GTK_WIDGET_CLASS (hub_lineage_page_parent_class)->unroot (widget);
}

/* Adaptive layout ------------------------------------------------------------ */

static void
show_panes (HubLineagePage *self)
{
  gboolean narrow = hub_adaptive_bin_get_narrow (self->adaptive_bin);
  gboolean tree = !narrow || gtk_toggle_button_get_active (self->tree_toggle);

  gtk_widget_set_visible (self->tree_pane, tree);
  gtk_widget_set_visible (self->summary_pane, !narrow || !tree);
}

static void
on_pane_toggled (HubLineagePage  *self,
                 GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    show_panes (self);
}

static void
apply_layout (HubLineagePage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  gboolean narrow = hub_adaptive_bin_get_narrow (self->adaptive_bin);

  gtk_widget_set_visible (self->pane_switcher, narrow);
  gtk_widget_set_visible (self->open_button, !narrow);
  gtk_widget_set_visible (self->refresh_label, !narrow);
  gtk_widget_set_size_request (self->tree_pane, narrow ? -1 : TREE_PANE_WIDTH, -1);
  gtk_widget_set_size_request (self->summary_pane, narrow ? -1 : SUMMARY_PANE_WIDTH, -1);
  /* Three figures side by side need more than 360 px: one under another. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->figures_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  show_panes (self);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
      int width = narrow ? column_info[c].narrow_width : column_info[c].width;

      gtk_column_view_column_set_visible (column, width > 0);
      if (width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
    }
}

/* GObject ------------------------------------------------------------------ */

static void
hub_lineage_page_dispose (GObject *object)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (object);

  hub_page_work_clear (&self->work);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_LINEAGE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->suggestions);

  G_OBJECT_CLASS (hub_lineage_page_parent_class)->dispose (object);
}

static void
hub_lineage_page_finalize (GObject *object)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (object);

  g_clear_pointer (&self->lineage, hub_lineage_unref);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->back, g_array_unref);
  g_clear_pointer (&self->forward, g_array_unref);
  g_free (self->db_path);

  G_OBJECT_CLASS (hub_lineage_page_parent_class)->finalize (object);
}

static void
hub_lineage_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (object);

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
hub_lineage_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HubLineagePage *self = HUB_LINEAGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      hub_lineage_page_set_dataset (self, g_value_get_boxed (value));
      break;
    case PROP_DB_PATH:
      if (g_strcmp0 (self->db_path, g_value_get_string (value)) != 0)
        {
          g_free (self->db_path);
          self->db_path = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_lineage_page_class_init (HubLineagePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_lineage_page_dispose;
  object_class->finalize = hub_lineage_page_finalize;
  object_class->get_property = hub_lineage_page_get_property;
  object_class->set_property = hub_lineage_page_set_property;
  widget_class->root = hub_lineage_page_root;
  widget_class->unroot = hub_lineage_page_unroot;

  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HUB_TYPE_ADAPTIVE_BIN);
  g_type_ensure (HUB_TYPE_TAB_STOP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-lineage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, adaptive_bin);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, open_button);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, pane_switcher);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, tree_toggle);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, summary_toggle);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, tree_pane);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, summary_pane);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, ancestor_box);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, tree_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, tree_stack);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, family_downloads_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, family_models_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, root_share_label);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, chart_caption);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, relation_list);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, derivative_list);
  gtk_widget_class_bind_template_child (widget_class, HubLineagePage, intermediary_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_derivative_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_pane_toggled);

  gtk_widget_class_install_action (widget_class, "lineage.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "lineage.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "lineage.open-hub", NULL, open_hub_action);
  gtk_widget_class_install_action (widget_class, "lineage.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "lineage.compare-family", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "lineage.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "lineage.refresh-children", NULL, refresh_children_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "lineage.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "lineage.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "lineage.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "lineage.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "lineage.forward", NULL);

  gtk_widget_class_set_css_name (widget_class, "lineagepage");
}

/* The family chart's tooltip: the model under the pointer, its relation,
 * downloads and share of the family (boxes too small for a label too). */
static char *
family_chart_hover (HubChartView *view,
                    double        x,
                    double        y,
                    int           width,
                    int           height,
                    gpointer      user_data)
{
  const HubFamilyChartData *data = hub_chart_view_get_data (view);
  cairo_t *cr;
  HubChartStyle style;
  const HubFamilyNode *node;
  g_autofree char *id = NULL;
  g_autofree char *downloads = NULL;
  g_autofree char *share = NULL;
  double total = 0;
  int n;

  if (data == NULL)
    return NULL;
  hub_chart_view_get_style (view, &style);
  cr = hub_chart_measure_context ();
  n = hub_family_chart_node_at (cr, width, height, &style, data, x, y);
  cairo_destroy (cr);
  if (n < 0)
    return NULL;

  for (guint i = 0; i < data->n_nodes; i++)
    total += MAX (data->nodes[i].weight, 0.0);
  node = &data->nodes[n];
  id = g_markup_escape_text (node->label, -1);
  downloads = hub_display_count ((gint64) node->weight);
  share = hub_display_ratio (total > 0 ? MAX (node->weight, 0.0) / total : 0.0);
  /* Translators: a family chart tooltip: relation, downloads, share of the family */
  return g_strdup_printf (_("<b>%s</b>\n%s · %s downloads in 30 days · %s of the family"), id,
                          n == 0 && data->is_root ? _("Root") : hub_family_chart_relation_label (node->relation),
                          downloads, share);
}

static void
hub_lineage_page_init (HubLineagePage *self)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));

  self->centre = -1;
  self->back = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->forward = g_array_new (FALSE, FALSE, sizeof (guint32));

  self->selection = gtk_single_selection_new (NULL);
  set_tree_roots (self, G_LIST_MODEL (g_list_store_new (HUB_TYPE_LINEAGE_TREE_NODE)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  hub_adaptive_bin_set_narrow_width (self->adaptive_bin, NARROW_WIDTH);
  g_signal_connect_swapped (self->adaptive_bin, "notify::narrow", G_CALLBACK (apply_layout), self);
  apply_layout (self);

  /* The suggestions are computed on "changed" before the completion reads
   * them: connect before the completion is attached. */
  self->suggestions = gtk_list_store_new (1, G_TYPE_STRING);
  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (on_search_changed), self);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->suggestions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_match_func (completion, match_all, NULL, NULL);
  gtk_entry_completion_set_minimum_key_length (completion, 2);
  gtk_entry_completion_set_popup_single_match (completion, TRUE);
  g_signal_connect (completion, "match-selected", G_CALLBACK (on_match_selected), self);
  gtk_entry_set_completion (self->search_entry, completion);

  self->chart_view = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_view), -1, 340);
  hub_chart_view_set_description (self->chart_view, _("Family chart"), NULL);
  hub_chart_view_set_hover_func (self->chart_view, family_chart_hover, NULL);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->chart_view));

  update_actions (self);
}

/* Public ------------------------------------------------------------------- */

/**
 * hub_lineage_page_new:
 *
 * Returns: (transfer full): a new lineage page, empty until a dataset is set.
 */
GtkWidget *
hub_lineage_page_new (void)
{
  return g_object_new (HUB_TYPE_LINEAGE_PAGE, NULL);
}

/* Moves the model indices of @history from @from to @to by id, dropping
 * the models @to lacks; empties it when either is NULL. */
static void
remap_history (GArray     *history,
               HubDataset *from,
               HubDataset *to)
{
  guint kept = 0;

  for (guint i = 0; from != NULL && to != NULL && i < history->len; i++)
    {
      gint32 m = hub_dataset_find_model (to, hub_dataset_get_model (from, g_array_index (history, guint32, i))->id);

      if (m >= 0)
        g_array_index (history, guint32, kept++) = m;
    }
  g_array_set_size (history, kept);
}

/**
 * hub_lineage_page_set_dataset:
 * @self: a lineage page
 * @dataset: (nullable): the dataset to explore
 *
 * Builds the lineage graph of @dataset on a worker thread and shows the
 * model shown before when @dataset has it, else its largest family. The
 * history keeps the models @dataset still has (a refresh reloads the
 * data; the way back stays).
 */
void
hub_lineage_page_set_dataset (HubLineagePage *self,
                              HubDataset     *dataset)
{
  gint32 keep = -1;

  g_return_if_fail (HUB_IS_LINEAGE_PAGE (self));

  if (self->dataset == dataset)
    return;

  if (self->dataset != NULL && dataset != NULL && self->centre >= 0)
    keep = hub_dataset_find_model (dataset, hub_dataset_get_model (self->dataset, self->centre)->id);
  remap_history (self->back, self->dataset, keep >= 0 ? dataset : NULL);
  remap_history (self->forward, self->dataset, keep >= 0 ? dataset : NULL);

  hub_page_work_cancel (&self->work);
  g_clear_pointer (&self->lineage, hub_lineage_unref);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  self->centre = -1;
  set_tree_roots (self, G_LIST_MODEL (g_list_store_new (HUB_TYPE_LINEAGE_TREE_NODE)));
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  update_actions (self);

  if (dataset != NULL)
    {
      self->dataset = hub_dataset_ref (dataset);
      centre_on (self, keep, FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/**
 * hub_lineage_page_get_dataset:
 * Returns: (transfer none) (nullable): the dataset explored.
 */
HubDataset *
hub_lineage_page_get_dataset (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return self->dataset;
}

/**
 * hub_lineage_page_show_model:
 * @self: a lineage page
 * @id: a model id
 *
 * Centres the page on model @id (on the worker thread) and records the
 * current one in the back history. An unknown id leaves the page as it is
 * and shows "No model named …" with the closest ids.
 *
 * Returns: %TRUE when @id is a model of the dataset
 */
gboolean
hub_lineage_page_show_model (HubLineagePage *self,
                             const char     *id)
{
  gint32 model;

  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->dataset == NULL)
    return FALSE;

  model = hub_dataset_find_model (self->dataset, id);
  if (model < 0)
    {
      g_autoptr(GPtrArray) close = hub_model_suggest (self->dataset, id, 3);
      g_autofree char *message = NULL;

      if (close->len > 0)
        {
          g_ptr_array_add (close, NULL);
          {
            g_autofree char *list = g_strjoinv (", ", (char **) close->pdata);

            /* Translators: "No model named X. Closest: A, B" */
            message = g_strdup_printf (_("No model named “%s”. Closest: %s"), id, list);
          }
        }
      else
        message = g_strdup_printf (_("No model named “%s”."), id);
      show_message (self, message);
      return FALSE;
    }

  show_message (self, NULL);
  centre_on (self, model, TRUE);
  return TRUE;
}

/**
 * hub_lineage_page_get_centre:
 * Returns: the model shown, -1 when none
 */
gint32
hub_lineage_page_get_centre (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), -1);
  return self->centre;
}

/**
 * hub_lineage_page_is_busy:
 * Returns: %TRUE while a centring runs
 */
gboolean
hub_lineage_page_is_busy (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), FALSE);
  return hub_page_work_is_busy (&self->work);
}

/**
 * hub_lineage_page_go_back:
 * @self: a lineage page
 *
 * Shows the model shown before the current one (Alt+Left).
 * Returns: %FALSE when the history has nothing before
 */
gboolean
hub_lineage_page_go_back (HubLineagePage *self)
{
  guint32 model;

  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), FALSE);

  if (self->back->len == 0 || self->centre < 0)
    return FALSE;
  model = g_array_index (self->back, guint32, self->back->len - 1);
  g_array_set_size (self->back, self->back->len - 1);
  g_array_append_val (self->forward, self->centre);
  update_actions (self);
  centre_on (self, model, FALSE);
  return TRUE;
}

/**
 * hub_lineage_page_go_forward:
 * @self: a lineage page
 *
 * Shows the model left by going back (Alt+Right).
 * Returns: %FALSE when there is none
 */
gboolean
hub_lineage_page_go_forward (HubLineagePage *self)
{
  guint32 model;

  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), FALSE);

  if (self->forward->len == 0 || self->centre < 0)
    return FALSE;
  model = g_array_index (self->forward, guint32, self->forward->len - 1);
  g_array_set_size (self->forward, self->forward->len - 1);
  g_array_append_val (self->back, self->centre);
  update_actions (self);
  centre_on (self, model, FALSE);
  return TRUE;
}

/**
 * hub_lineage_page_get_lineage:
 * Returns: (transfer none) (nullable): the graph, NULL until built
 */
HubLineage *
hub_lineage_page_get_lineage (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return self->lineage;
}

/**
 * hub_lineage_page_get_tree_model:
 * Returns: (transfer none): the descendant tree (rows of HubLineageTreeNode);
 *   a new one for every centre
 */
GtkTreeListModel *
hub_lineage_page_get_tree_model (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return self->tree_model;
}

/**
 * hub_lineage_page_get_column_view:
 * Returns: (transfer none): the tree's column view
 */
GtkColumnView *
hub_lineage_page_get_column_view (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return self->column_view;
}

/**
 * hub_lineage_page_get_search_entry:
 * Returns: (transfer none): the model entry
 */
GtkEditable *
hub_lineage_page_get_search_entry (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * hub_lineage_page_get_chart_view:
 * Returns: (transfer none): the family chart's view (a #HubChartView)
 */
GtkWidget *
hub_lineage_page_get_chart_view (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return GTK_WIDGET (self->chart_view);
}

/**
 * hub_lineage_page_dup_ancestor_ids:
 * Returns: (transfer full): the ids of the ancestor pills, in order
 */
GStrv
hub_lineage_page_dup_ancestor_ids (HubLineagePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->ancestor_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer data = g_object_get_data (G_OBJECT (child), "hub-model-index");

      if (GTK_IS_BUTTON (child) && self->dataset != NULL)
        g_strv_builder_add (builder, hub_dataset_get_model (self->dataset, GPOINTER_TO_UINT (data))->id);
    }
  return g_strv_builder_end (builder);
}

/**
 * hub_lineage_page_get_family_downloads:
 * Returns: the 30-day downloads of the centre's family
 */
gint64
hub_lineage_page_get_family_downloads (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), 0);
  return self->family.all.downloads;
}

const char *
hub_lineage_page_get_family_models_text (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return gtk_label_get_text (self->family_models_label);
}

const char *
hub_lineage_page_get_root_share_text (HubLineagePage *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_PAGE (self), NULL);
  return gtk_label_get_text (self->root_share_label);
}
