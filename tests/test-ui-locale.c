/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "hub-column-sorter.h"
#include "hub-dataset.h"
#include "hub-list-query.h"
#include "hub-model-row.h"
#include "hub-preferences-window.h"
#include "hub-row-model.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-ticks.h"
#include "hub-trending-page.h"
#include "hub-window.h"

/* The app in French, uninstalled: LANG/LC_ALL=fr_FR.UTF-8 and the build's
 * catalogues (HUBECO_LOCALEDIR, set by tests/meson.build). */

typedef struct {
  gboolean checked;
} Context;

/* @value grouped by threes with @sep, written without printf's ' flag so
 * that it checks the app's formatting rather than repeating it. */
static char *
group_digits (gint64      value,
              const char *sep)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  GString *out = g_string_new (NULL);
  size_t len = strlen (digits);

  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* The text a GtkLabel or a GtkInscription (the list's cells) shows. */
static const char *
shown_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return NULL;
}

/* TRUE when a label or a cell under @widget shows @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (g_strcmp0 (shown_text (widget), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The Hub's names of tasks and libraries ("Other", "Adapters"), shown as
 * the Hub writes them: some are also messages of the catalogue. */
static GHashTable *
hub_names (HubDataset *dataset)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 1; i < hub_dataset_get_n_tasks (dataset); i++)
    g_hash_table_add (names, (gpointer) hub_dataset_get_task (dataset, i)->name);
  for (guint i = 1; i < hub_dataset_get_n_libraries (dataset); i++)
    g_hash_table_add (names, (gpointer) hub_dataset_get_library (dataset, i)->label);
  return names;
}

/* TRUE when @text is a message of the catalogue whose French differs, and
 * not one of the Hub's names: a widget showing it shows the English. */
static gboolean
is_untranslated (const char *text,
                 GHashTable *hub_names)
{
  return text != NULL && *text != '\0' && !g_hash_table_contains (hub_names, text) &&
         g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0;
}

/* Adds to @found every label text, mnemonic label and tooltip under @widget
 * that is still in English although the catalogue translates it. */
static void
collect_untranslated (GtkWidget  *widget,
                      GHashTable *hub_names,
                      GPtrArray  *found)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);

      if (is_untranslated (gtk_label_get_label (label), hub_names))
        g_ptr_array_add (found, g_strdup_printf ("label “%s” in a %s", gtk_label_get_label (label),
                                                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget))));
      else if (is_untranslated (gtk_label_get_text (label), hub_names))
        g_ptr_array_add (found, g_strdup_printf ("label “%s” in a %s", gtk_label_get_text (label),
                                                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget))));
    }
  else if (GTK_IS_INSCRIPTION (widget) && is_untranslated (shown_text (widget), hub_names))
    g_ptr_array_add (found, g_strdup_printf ("cell “%s” in a %s", shown_text (widget),
                                             G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget))));
  if (is_untranslated (tooltip, hub_names))
    g_ptr_array_add (found, g_strdup_printf ("tooltip “%s” of a %s", tooltip, G_OBJECT_TYPE_NAME (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_untranslated (child, hub_names, found);
}

/* Fails with the list of English texts under @widget (@where names it). */
static void
assert_all_translated (GtkWidget  *widget,
                       HubDataset *dataset,
                       const char *where)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = hub_names (dataset);

  collect_untranslated (widget, names, found);
  if (found->len > 0)
    {
      g_ptr_array_add (found, NULL);
      g_autofree char *list = g_strjoinv ("\n  ", (char **) found->pdata);

      g_error ("%s shows English although po/fr.po translates it:\n  %s", where, list);
    }
}

static const char *
column_title (GtkColumnView *view,
              HubListSort    sort)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (HUB_IS_COLUMN_SORTER (sorter) && hub_column_sorter_get_sort (HUB_COLUMN_SORTER (sorter)) == sort)
        return gtk_column_view_column_get_title (column);
    }
  g_assert_not_reached ();
}

static const char *
view_title (HubWindow  *window,
            const char *name)
{
  GtkWidget *page = hub_window_get_page (window, name);
  GtkWidget *stack;

  g_assert_nonnull (page);
  stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  return adw_view_stack_page_get_title (adw_view_stack_get_page (ADW_VIEW_STACK (stack), page));
}

static gboolean
page_idle (gpointer page)
{
  return !hub_trending_page_is_busy (page) &&
         g_list_model_get_n_items (hub_trending_page_get_rows (page)) > 0;
}

static gboolean
run_checks (gpointer data)
{
  Context *ctx = data;
  HubWindow *window = hub_test_ui_active_window ();
  HubTrendingPage *page;
  HubDataset *dataset;
  const char *sep = localeconv ()->thousands_sep;
  g_autofree char *total = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *downloads = NULL;
  g_autofree char *placeholder = NULL;

  if (!hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS))
    g_error ("The window did not finish loading");
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");
  page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));
  if (!hub_test_ui_wait_for (page_idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The trending list did not show its rows");
  dataset = hub_trending_page_get_dataset (page);

  /* Titles from C (view stack), from N_() tables (columns) and from the
   * .ui templates (the search entry's placeholder). */
  g_assert_cmpstr (view_title (window, "trending"), ==, "Tendances");
  g_assert_cmpstr (view_title (window, "lineage"), ==, "Lignée");
  g_assert_cmpstr (view_title (window, "sizes"), ==, "Tailles");
  g_assert_cmpstr (view_title (window, "share"), ==, "Part");
  g_assert_cmpstr (column_title (hub_trending_page_get_column_view (page), HUB_LIST_SORT_DOWNLOADS), ==,
                   "Téléch. (30 j)");
  g_assert_cmpstr (column_title (hub_trending_page_get_column_view (page), HUB_LIST_SORT_LIKES), ==, "J’aime");
  g_object_get (hub_trending_page_get_search_entry (page), "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Rechercher des modèles ou des auteurs");

  /* Numbers: fr_FR groups digits with a narrow no-break space. */
  g_assert_cmpstr (sep, ==, "\u202f");
  total = group_digits (hub_dataset_get_n_models (dataset), sep);
  g_assert_cmpuint (hub_dataset_get_n_models (dataset), >=, 1000);
  count_text = g_strdup_printf ("%s sur %s modèles", total, total);
  g_assert_cmpstr (gtk_label_get_text (hub_trending_page_get_count_label (page)), ==, count_text);
  {
    g_autoptr(HubModelRow) row = g_list_model_get_item (hub_trending_page_get_rows (page), 0);
    const HubModelRecord *record = hub_dataset_get_model (dataset, hub_model_row_get_index (row));

    g_assert_cmpint (record->downloads, >=, 1000);
    downloads = group_digits (record->downloads, sep);
    hub_test_ui_spin (300);
    g_assert_true (has_label (GTK_WIDGET (hub_trending_page_get_column_view (page)), downloads));
  }

  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "trending-fr.png");
  assert_all_translated (GTK_WIDGET (window), dataset, "The window");

  /* The other views, for a look at French label lengths; none of them
   * shows a translated message in English (a string set before the
   * catalogue was bound, or an N_() never passed through _()). */
  {
    const char *views[] = { "lineage", "sizes", "share" };

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        g_autofree char *name = g_strdup_printf ("%s-fr.png", views[i]);
        g_autofree char *where = g_strdup_printf ("The %s view", views[i]);

        hub_window_show_page (window, views[i]);
        hub_test_ui_spin (2500);
        hub_test_ui_save_screenshot (GTK_WIDGET (window), name);
        assert_all_translated (GTK_WIDGET (window), dataset, where);
      }
  }
  {
    GtkWidget *preferences = hub_preferences_window_new (GTK_WINDOW (window));

    gtk_window_present (GTK_WINDOW (preferences));
    hub_test_ui_spin (500);
    assert_all_translated (preferences, dataset, "The preferences window");
    gtk_window_destroy (GTK_WINDOW (preferences));
  }

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_locale_french (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  g_autofree char *db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  Context ctx = { FALSE };

  if (setlocale (LC_ALL, "") == NULL || !g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "fr_FR"))
    {
      g_test_skip ("The fr_FR.UTF-8 locale is not installed (build-aux/hubeco-dev generates it)");
      return;
    }
  /* The catalogue itself, before any window. */
  g_assert_cmpstr (_("Trending"), ==, "Tendances");
  /* Axis labels in French typography: decimal comma, a narrow no-break
   * space before the unit and the percent sign, "Md" for billions. */
  {
    g_autofree char *pct = hub_ticks_format_percent (0.25, 0);
    g_autofree char *millions = hub_ticks_format_si (2100000);
    g_autofree char *billions = hub_ticks_format_si (3e9);

    g_assert_cmpstr (pct, ==, "25\u202f%");
    g_assert_cmpstr (millions, ==, "2,1\u202fM");
    g_assert_cmpstr (billions, ==, "3\u202fMd");
  }

  hub_test_ui_run_app (db_path, run_checks, &ctx);
  g_assert_true (ctx.checked);
}

int
main (int   argc,
      char *argv[])
{
  hub_test_ui_init_locale ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/locale/french", test_locale_french);
  return g_test_run ();
}
