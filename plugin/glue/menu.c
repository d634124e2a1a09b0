/* tcpteach glue: the "TCP Teaching" menu of the Wireshark GUI (Tools >
 * TCP Teaching), through Wireshark's funnel API, the one Lua plugins use.
 *
 * - Walkthrough, Ladder, Markdown, Quiz: the document of the frames that
 *   match the display filter (every frame when there is none) in one of
 *   Wireshark's text windows, in the language preference, with a
 *   "Save as..." button that writes the document to a file.
 * - Save handout...: asks for a file name and writes the HTML handout there,
 *   then offers to open it in the browser.
 *
 * The documents come from tt_output_new(): a tap listener that writes the
 * whole document to a sink each time Wireshark's taps draw. The menu asks
 * Wireshark to pass the packets to the taps again (a retap), which it does
 * before returning, so the window shows the document at once; a later retap
 * (another statistics window, a reload) writes it again, and the window
 * follows. The listener lives as long as its window.
 *
 * The window cannot tell which packet is selected in the packet list (the
 * funnel API does not say, and guessing from the last dissection is not
 * reliable), so the display filter decides: the window's first lines name
 * it. Filter on "tcp.stream == N" for one stream.
 */
#include "config_glue.h"

#include <string.h>

#include <glib.h>
#include <epan/funnel.h>

#include "compat.h"
#include "glue.h"
#include "menu.h"

/* A document larger than this is cut (a text window of hundreds of
 * megabytes helps nobody, and memory stays bounded). */
#define TT_MENU_MAX_MIB 64u
#define TT_MENU_MAX_BYTES ((size_t)TT_MENU_MAX_MIB * 1024u * 1024u)

typedef struct menu_entry {
    tt_out_kind kind;
    tt_msg path;      /* under Tools */
    tt_msg name;      /* the document's name */
    const char *file; /* default file name, in the home folder */
} menu_entry;

static const menu_entry entries[] = {
    {TT_OUT_WALKTHROUGH, TT_M_MENU_PATH_WALKTHROUGH, TT_M_MENU_KIND_WALKTHROUGH,
     "tcpteach-walkthrough.txt"},
    {TT_OUT_LADDER, TT_M_MENU_PATH_LADDER, TT_M_MENU_KIND_LADDER, "tcpteach-ladder.txt"},
    {TT_OUT_MARKDOWN, TT_M_MENU_PATH_MARKDOWN, TT_M_MENU_KIND_MARKDOWN, "tcpteach-walkthrough.md"},
    {TT_OUT_QUIZ, TT_M_MENU_PATH_QUIZ, TT_M_MENU_KIND_QUIZ, "tcpteach-quiz.txt"},
};

static const menu_entry handout_entry = {TT_OUT_HTML, TT_M_MENU_PATH_HANDOUT,
                                         TT_M_MENU_KIND_HANDOUT, "tcpteach-handout.html"};

static tt_lang lang_now(void)
{
    return (tt_lang)tt_pref.language;
}

static const char *msg(tt_msg id)
{
    return tt_msg_text(lang_now(), id);
}

/* ---- a document collected from the sink ---- */

typedef struct collected {
    GString *pending; /* the document being written */
    GString *doc;     /* the last whole document */
    bool cut;         /* pending went over TT_MENU_MAX_BYTES */
    bool doc_cut;
    unsigned drawn; /* how many whole documents arrived */
} collected;

static void collected_init(collected *c)
{
    c->pending = g_string_new(NULL);
    c->doc = g_string_new(NULL);
    c->cut = c->doc_cut = false;
    c->drawn = 0;
}

static void collected_clear(collected *c)
{
    g_string_free(c->pending, TRUE);
    g_string_free(c->doc, TRUE);
}

static void collected_write(collected *c, const char *text, size_t len)
{
    if (c->cut)
        return;
    if (c->pending->len + len > TT_MENU_MAX_BYTES) {
        c->cut = true;
        /* Never cut inside a UTF-8 sequence. */
        size_t room = TT_MENU_MAX_BYTES - c->pending->len;
        while (room > 0 && ((unsigned char)text[room] & 0xc0) == 0x80)
            room--;
        len = room;
    }
    g_string_append_len(c->pending, text, (gssize)len);
}

/* The sink's document is whole: it becomes the one shown and saved. */
static void collected_done(collected *c)
{
    GString *t = c->doc;
    c->doc = c->pending;
    c->pending = t;
    g_string_truncate(c->pending, 0);
    c->doc_cut = c->cut;
    c->cut = false;
    c->drawn++;
}

/* Appends the lines that say which frames the document covers. */
static void describe_frames(GString *s, const char *filter)
{
    if (filter != NULL && filter[0] != '\0')
        g_string_append_printf(s, "%s\n    %s\n", msg(TT_M_MENU_FRAMES_FILTER), filter);
    else
        g_string_append_printf(s, "%s\n", msg(TT_M_MENU_FRAMES_ALL));
}

/* The display filter as the filter bar holds it; NULL when empty. */
static char *current_filter(const funnel_ops_t *ops)
{
    const char *f = ops->get_filter != NULL ? ops->get_filter(ops->ops_id) : NULL;
    if (f == NULL)
        return NULL;
    char *copy = g_strstrip(g_strdup(f));
    if (copy[0] == '\0') {
        g_free(copy);
        return NULL;
    }
    return copy;
}

/* A file name as typed: "~/x" and relative names are in the home folder.
 * NULL when nothing was typed. */
static char *resolve_file_name(const char *typed)
{
    char *name = g_strstrip(g_strdup(typed != NULL ? typed : ""));
    char *path = NULL;
    if (name[0] == '\0')
        path = NULL;
    else if (name[0] == '~' && (name[1] == '/' || name[1] == '\0'))
        path = g_build_filename(g_get_home_dir(), name + 1, NULL);
    else if (g_path_is_absolute(name))
        path = g_strdup(name);
    else
        path = g_build_filename(g_get_home_dir(), name, NULL);
    g_free(name);
    return path;
}

/* Writes the document; returns a line saying what happened. */
static char *save_document(const GString *doc, const char *path)
{
    GError *err = NULL;
    if (!g_file_set_contents(path, doc->str, (gssize)doc->len, &err)) {
        char *line = g_strdup_printf(msg(TT_M_MENU_SAVE_FAILED), path, err->message);
        g_error_free(err);
        return line;
    }
    return g_strdup_printf(msg(TT_M_MENU_SAVED), path, (unsigned)doc->len);
}

/* ---- a document in a text window ---- */

typedef struct text_window {
    const menu_entry *entry;
    const funnel_ops_t *ops;
    funnel_text_window_t *tw;
    tt_output *output;
    tt_output_sink sink;
    collected c;
    char *filter;
    char *status; /* the last save's outcome, or a problem; NULL if none */
    unsigned id;  /* key in open_windows */
} text_window;

/* The windows still open, by id: a "Save as..." dialog may outlive its
 * window, so it names the window by an id that is never reused. */
static GHashTable *open_windows; /* id -> text_window* */
static unsigned next_window_id;

/* Header lines, then the document. The first line never holds the filter:
 * Qt shows a text as HTML when its first line looks like a tag. */
static void show(text_window *w)
{
    GString *s = g_string_new(NULL);
    describe_frames(s, w->filter);
    if (w->status != NULL)
        g_string_append_printf(s, "%s\n", w->status);
    if (w->c.doc_cut) {
        g_string_append_printf(s, msg(TT_M_MENU_TOO_LONG), TT_MENU_MAX_MIB, TT_MENU_MAX_MIB);
        g_string_append_c(s, '\n');
    }
    if (w->output != NULL) {
        g_string_append_printf(s, "%s\n", msg(TT_M_MENU_SAVE_HINT));
        g_string_append(s, "----------------------------------------------------------------\n");
        if (w->c.drawn > 0)
            g_string_append_len(s, w->c.doc->str, (gssize)w->c.doc->len);
    }
    w->ops->set_text(w->tw, s->str);
    g_string_free(s, TRUE);
}

static void window_write(void *ctx, const char *text, size_t len)
{
    collected_write(&((text_window *)ctx)->c, text, len);
}

static void window_done(void *ctx)
{
    text_window *w = (text_window *)ctx;
    collected_done(&w->c);
    show(w);
}

static void window_closed(void *data)
{
    text_window *w = (text_window *)data;
    if (w->output != NULL)
        tt_output_free(w->output);
    collected_clear(&w->c);
    g_free(w->filter);
    g_free(w->status);
    g_free(w);
}

static void save_answered(char **user_input, void *data)
{
    text_window *w = open_windows != NULL ? g_hash_table_lookup(open_windows, data) : NULL;
    if (w == NULL) { /* closed while the dialog was open */
        g_strfreev(user_input);
        return;
    }
    char *path = resolve_file_name(user_input != NULL ? user_input[0] : NULL);
    g_strfreev(user_input);
    g_free(w->status);
    if (path == NULL) {
        w->status = g_strdup(msg(TT_M_MENU_NO_NAME));
    } else {
        w->status = save_document(w->c.doc, path);
    }
    g_free(path);
    show(w);
}

static void ask_file_name(const funnel_ops_t *ops, const menu_entry *e, funnel_dlg_cb_t answered,
                          void *data)
{
    char *title = g_strdup_printf(msg(TT_M_MENU_SAVE_TITLE), msg(e->name));
    char *suggested = g_build_filename(g_get_home_dir(), e->file, NULL);
    const char *names[] = {msg(TT_M_MENU_FILE_NAME), NULL};
    const char *values[] = {suggested, NULL};
    ops->new_dialog(ops->ops_id, title, names, values, answered, data, NULL);
    g_free(suggested);
    g_free(title);
}

static tt_funnel_bt_result save_clicked(funnel_text_window_t *tw, void *data)
{
    (void)tw;
    text_window *w = (text_window *)data;
    ask_file_name(w->ops, w->entry, save_answered, GUINT_TO_POINTER(w->id));
    return TRUE;
}

static void window_forget(void *data)
{
    text_window *w = (text_window *)data;
    g_hash_table_remove(open_windows, GUINT_TO_POINTER(w->id));
    window_closed(w);
}

static void open_document(void *data)
{
    const menu_entry *e = (const menu_entry *)data;
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    if (ops == NULL || ops->new_text_window == NULL)
        return;
    if (open_windows == NULL)
        open_windows = g_hash_table_new(g_direct_hash, g_direct_equal);

    text_window *w = g_new0(text_window, 1);
    w->entry = e;
    w->ops = ops;
    w->filter = current_filter(ops);
    collected_init(&w->c);
    char *title = g_strdup_printf(msg(TT_M_MENU_TITLE), msg(e->name));
    w->tw = ops->new_text_window(ops->ops_id, title);
    g_free(title);
    w->id = ++next_window_id;
    g_hash_table_insert(open_windows, GUINT_TO_POINTER(w->id), w);
    ops->set_close_cb(w->tw, window_forget, w);

    w->sink.out.write = window_write;
    w->sink.out.ctx = w;
    w->sink.done = window_done;
    char *error = NULL;
    w->output = tt_output_new(e->kind, w->filter, &w->sink, &error);
    if (w->output == NULL) {
        w->status = g_strdup_printf(msg(TT_M_MENU_BAD_FILTER), error != NULL ? error : "");
        g_free(error);
        show(w);
        return;
    }
    funnel_bt_t *bt = g_new0(funnel_bt_t, 1);
    bt->tw = w->tw;
    bt->func = save_clicked;
    bt->data = w;
    bt->free_fcn = g_free; /* the window frees w itself, through window_forget */
    ops->add_button(w->tw, bt, msg(TT_M_MENU_SAVE_BUTTON));
    show(w);
    if (ops->retap_packets != NULL)
        ops->retap_packets(ops->ops_id);
    if (w->c.drawn == 0) {
        w->status = g_strdup(msg(TT_M_MENU_NO_PACKETS));
        show(w);
    }
}

/* ---- the handout, straight to a file ---- */

typedef struct handout_result {
    const funnel_ops_t *ops;
    char *path;
} handout_result;

static void handout_write(void *ctx, const char *text, size_t len)
{
    collected_write((collected *)ctx, text, len);
}

static void handout_done(void *ctx)
{
    collected_done((collected *)ctx);
}

static tt_funnel_bt_result open_clicked(funnel_text_window_t *tw, void *data)
{
    (void)tw;
    handout_result *r = (handout_result *)data;
    if (r->ops->browser_open_data_file != NULL)
        r->ops->browser_open_data_file(r->path);
    return TRUE;
}

static void handout_closed(void *data)
{
    handout_result *r = (handout_result *)data;
    g_free(r->path);
    g_free(r);
}

/* Makes the handout of the frames of the display filter and writes it to
 * the file named in the dialog; a text window tells what happened. */
static void handout_answered(char **user_input, void *data)
{
    const menu_entry *e = (const menu_entry *)data;
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    char *path = resolve_file_name(user_input != NULL ? user_input[0] : NULL);
    g_strfreev(user_input);
    if (ops == NULL || ops->new_text_window == NULL) {
        g_free(path);
        return;
    }
    char *filter = current_filter(ops);
    GString *text = g_string_new(NULL);
    describe_frames(text, filter);
    bool written = false;
    if (path == NULL) {
        g_string_append_printf(text, "%s\n", msg(TT_M_MENU_NO_NAME));
    } else {
        collected c;
        collected_init(&c);
        tt_output_sink sink = {{handout_write, &c}, handout_done};
        char *error = NULL;
        tt_output *output = tt_output_new(e->kind, filter, &sink, &error);
        if (output == NULL) {
            g_string_append_printf(text, msg(TT_M_MENU_BAD_FILTER), error != NULL ? error : "");
            g_string_append_c(text, '\n');
            g_free(error);
        } else {
            if (ops->retap_packets != NULL)
                ops->retap_packets(ops->ops_id);
            /* The retap is over: the listener may go. */
            tt_output_free(output);
            if (c.drawn == 0) {
                g_string_append_printf(text, "%s\n", msg(TT_M_MENU_NO_PACKETS));
            } else {
                if (c.doc_cut) {
                    g_string_append_printf(text, msg(TT_M_MENU_TOO_LONG), TT_MENU_MAX_MIB,
                                           TT_MENU_MAX_MIB);
                    g_string_append_c(text, '\n');
                }
                char *line = save_document(c.doc, path);
                g_string_append_printf(text, "%s\n", line);
                g_free(line);
                written = g_file_test(path, G_FILE_TEST_IS_REGULAR);
            }
        }
        collected_clear(&c);
    }
    g_free(filter);

    char *title = g_strdup_printf(msg(TT_M_MENU_TITLE), msg(e->name));
    funnel_text_window_t *tw = ops->new_text_window(ops->ops_id, title);
    g_free(title);
    ops->set_text(tw, text->str);
    g_string_free(text, TRUE);
    if (written && ops->browser_open_data_file != NULL) {
        handout_result *r = g_new0(handout_result, 1);
        r->ops = ops;
        r->path = path;
        path = NULL;
        ops->set_close_cb(tw, handout_closed, r);
        funnel_bt_t *bt = g_new0(funnel_bt_t, 1);
        bt->tw = tw;
        bt->func = open_clicked;
        bt->data = r;
        bt->free_fcn = g_free;
        ops->add_button(tw, bt, msg(TT_M_MENU_OPEN_BROWSER));
    }
    g_free(path);
}

static void save_handout(void *data)
{
    const menu_entry *e = (const menu_entry *)data;
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    if (ops == NULL || ops->new_dialog == NULL)
        return;
    ask_file_name(ops, e, handout_answered, data);
}

void tt_menu_register(void)
{
    /* No retap from Wireshark (the last argument): the callbacks start
     * their listener first, then ask for the retap themselves. */
    for (size_t k = 0; k < G_N_ELEMENTS(entries); k++)
        funnel_register_menu(tt_msg_text(TT_LANG_EN, entries[k].path),
                             REGISTER_TOOLS_GROUP_UNSORTED, open_document, (void *)&entries[k],
                             NULL, FALSE);
    funnel_register_menu(tt_msg_text(TT_LANG_EN, handout_entry.path), REGISTER_TOOLS_GROUP_UNSORTED,
                         save_handout, (void *)&handout_entry, NULL, FALSE);
}
