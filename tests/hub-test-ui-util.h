/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-share-page.h"
#include "hub-window.h"

G_BEGIN_DECLS

/* Start-up helpers shared by the UI tests (tests/test-ui*.c). */

#define HUB_TEST_UI_LOAD_TIMEOUT_MS  120000
#define HUB_TEST_UI_QUERY_TIMEOUT_MS 20000

typedef gboolean (*HubTestUiCondition) (gpointer data);

/* What src/main.c does before the application starts: the locale of the
 * environment, the catalogues of $HUBECO_LOCALEDIR (the build's, set by
 * tests/meson.build for the French runs) or the installed ones. */
void       hub_test_ui_init_locale     (void);
/* Runs the main context until @condition holds; FALSE on timeout. */
gboolean   hub_test_ui_wait_for        (HubTestUiCondition condition,
                                        gpointer           data,
                                        guint              timeout_ms);
/* Lets pending redraws and idles run for @ms. */
void       hub_test_ui_spin            (guint              ms);
/* A HubWindow condition: loaded ("main") or failed ("error"). */
gboolean   hub_test_ui_window_ready    (gpointer           window);
/* Saves @widget as $HUBECO_SCREENSHOT_DIR/@name (PNG); nothing when the
 * variable is unset. */
void       hub_test_ui_save_screenshot (GtkWidget         *widget,
                                        const char        *name);
/* Whether a page of the window (an AdwBin whose child is its
 * HubAdaptiveBin) shows its narrow layout. */
gboolean   hub_test_ui_page_narrow     (GtkWidget         *page);
/* The window's pages, in the switcher's order (NULL-terminated). */
extern const char * const hub_test_ui_pages[];
/* Whether the page named @name computes a result now. */
gboolean   hub_test_ui_page_busy       (HubWindow         *window,
                                        const char        *name);
/* The innermost widgets under @widget whose minimum width is more than
 * @width, as "; GtkBox 475 px" parts (for a failure message). */
char      *hub_test_ui_too_wide         (GtkWidget         *widget,
                                        int                width);
/* Shows the page @name and waits for its result; with @width, for that
 * window size too (and at 360 px for the page's narrow layout, from
 * 1200 px for its wide one): FALSE when the window does not get there. */
gboolean   hub_test_ui_show_page       (HubWindow         *window,
                                        const char        *name,
                                        int                width,
                                        int                height);
/* A visible toplevel of @type (a dialog, the preferences), or NULL. */
GtkWindow *hub_test_ui_find_toplevel   (GType              type);
/* The application's active window, asserted to be a HubWindow. */
HubWindow *hub_test_ui_active_window   (void);

/* The Share view's Export Data to @path, waited for (TRUE when written). */
gboolean   hub_test_ui_share_export_data (HubSharePage    *page,
                                          const char      *path,
                                          GError         **error);

/**
 * HubTestUiContext:
 * What a view's checks get from hub_test_ui_run_checks(): a new
 * temporary folder, the database the application runs on in it, and
 * @checked, which the checks set once they got to their end.
 */
typedef struct {
  char     *tmpdir;
  char     *db_path;
  gboolean  checked;
} HubTestUiContext;

/* Runs the application on a database in a new temporary folder with
 * @checks (given a HubTestUiContext; they close the window) and asserts
 * they got to their end. */
void       hub_test_ui_run_checks      (GSourceFunc        checks);

/**
 * hub_test_ui_run_app:
 * Runs the application on `--db @db_path`; @checks runs from an idle once
 * the window exists (with @data), must close the window and return
 * G_SOURCE_REMOVE. The exit status is asserted to be 0.
 */
void       hub_test_ui_run_app         (const char        *db_path,
                                        GSourceFunc        checks,
                                        gpointer           data);

G_END_DECLS
